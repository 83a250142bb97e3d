from __future__ import annotations

from django.urls import URLPattern, path

from districts import stakeholder_views as views

urlpatterns: list[URLPattern] = [
    path("akteure/", views.StakeholderListView.as_view(), name="stakeholders"),
    path("akteure/neu/", views.StakeholderCreateView.as_view(), name="stakeholder_add"),
    path(
        "akteure/<int:stakeholder>/",
        views.StakeholderDetailView.as_view(),
        name="stakeholder_detail",
    ),
    path(
        "akteure/<int:stakeholder>/bearbeiten/",
        views.StakeholderUpdateView.as_view(),
        name="stakeholder_edit",
    ),
    path(
        "akteure/<int:stakeholder>/loeschen/",
        views.StakeholderDeleteView.as_view(),
        name="stakeholder_delete",
    ),
]
