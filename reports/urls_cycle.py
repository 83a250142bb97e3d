"""The yearly strategy cycle and the district's activity feed."""

from __future__ import annotations

from django.urls import path

from reports import activity_views, cycle_views

urlpatterns = [
    path("zyklus/", cycle_views.CycleView.as_view(), name="cycle"),
    path("zyklus/abschliessen/", cycle_views.CycleCloseView.as_view(), name="cycle_close"),
    path("zyklus/<int:cycle>/", cycle_views.CycleDetailView.as_view(), name="cycle_detail"),
    path("aktivitaet/", activity_views.ActivityView.as_view(), name="activity"),
]
