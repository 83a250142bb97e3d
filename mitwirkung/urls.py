from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from districts import views as district_views
from mitwirkung.health import healthz
from mitwirkung.language_link import language_link

# A database outage outside a view (saving the session) is a 503 too (mitwirkung/unavailable.py).
handler500 = "mitwirkung.unavailable.server_error"

admin.site.site_header = _("MitWirkung administration")
admin.site.site_title = "MitWirkung"

urlpatterns = [
    path("", district_views.home, name="home"),
    # Near the top: the families' pages (under s/) are the most requested, and every pattern
    # before them is tried first (no other pattern overlaps surveys' d/…/umfragen/ or s/).
    path("", include("surveys.urls")),
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("konto/zweiter-faktor/", include("mitwirkung.account_security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The public pages' language switch: a link, so they carry no CSRF token (language_link.py).
    path("sprache/<slug:code>/", language_link, name="language_link"),
    path("admin/", admin.site.urls),
    path("d/<slug:district>/", include("districts.urls")),
    path("d/<slug:district>/ziele/", include("goals.urls")),
    path("", include("offerings.urls")),
    path("d/<slug:district>/berichte/", include("reports.urls")),
    path("transparenz/", include("reports.public_urls")),
    path("", include("mitwirkung.legal.urls")),
]
