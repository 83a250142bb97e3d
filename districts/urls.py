from __future__ import annotations

from django.urls import path

from districts import settings_views, urls_areas, urls_stakeholders, views

app_name = "districts"

urlpatterns = [
    path("", views.DistrictHomeView.as_view(), name="home"),
    path("mitglieder/", views.MembershipListView.as_view(), name="members"),
    path("mitglieder/neu/", views.MembershipCreateView.as_view(), name="member_add"),
    path(
        "mitglieder/<int:membership>/bearbeiten/",
        views.MembershipUpdateView.as_view(),
        name="member_edit",
    ),
    path(
        "mitglieder/<int:membership>/entfernen/",
        views.MembershipDeleteView.as_view(),
        name="member_delete",
    ),
    path("einstellungen/", settings_views.DistrictSettingsView.as_view(), name="settings"),
    *urls_areas.urlpatterns,
    *urls_stakeholders.urlpatterns,
]
