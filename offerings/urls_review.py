from __future__ import annotations

from django.urls import path

from offerings import review_views

urlpatterns = [
    path("pruefen/", review_views.ReviewListView.as_view(), name="review_list"),
    path("pruefen/<int:change>/", review_views.ChangeReviewView.as_view(), name="change_review"),
    path("veraltet/", review_views.StaleListView.as_view(), name="stale"),
    path(
        "<int:offering>/veroeffentlichen/", review_views.offering_publish, name="offering_publish"
    ),
    path("<int:offering>/bestaetigen/", review_views.offering_confirm, name="offering_confirm"),
]
