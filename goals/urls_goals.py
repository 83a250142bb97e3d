from __future__ import annotations

from django.urls import URLPattern, path

from goals import views

urlpatterns: list[URLPattern] = [
    path("", views.GoalListView.as_view(), name="list"),
    path("neu/", views.GoalCreateView.as_view(), name="create"),
    path("<int:goal>/", views.GoalDetailView.as_view(), name="detail"),
    path("<int:goal>/bearbeiten/", views.GoalUpdateView.as_view(), name="edit"),
    path("<int:goal>/loeschen/", views.GoalDeleteView.as_view(), name="delete"),
    path("<int:goal>/status/", views.GoalStatusView.as_view(), name="status"),
    path("<int:goal>/verlauf/", views.GoalHistoryView.as_view(), name="history"),
]
