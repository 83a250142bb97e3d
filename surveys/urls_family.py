from __future__ import annotations

from django.urls import URLPattern, path

from surveys import family_views

# Public, no login: mounted under /s/ by surveys/urls.py.
urlpatterns: list[URLPattern] = [
    path("", family_views.family_code, name="family_code"),
    path("<str:code>/", family_views.family_start, name="family_start"),
    path("<str:code>/<int:number>/", family_views.family_page, name="family_page"),
    path("<str:code>/danke/", family_views.family_thanks, name="family_thanks"),
    # The token is signed (surveys/tablet.py): staff get the link on the collection points page.
    path("<str:code>/tablet/<str:token>/", family_views.family_tablet, name="family_tablet"),
]
