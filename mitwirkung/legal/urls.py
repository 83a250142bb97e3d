from __future__ import annotations

from django.urls import path

from mitwirkung.legal import views
from mitwirkung.legal.models import LegalPage

app_name = "legal"

urlpatterns = [
    path(
        "barrierefreiheit/",
        views.legal_page,
        {"kind": LegalPage.Kind.ACCESSIBILITY},
        name="accessibility",
    ),
    path("barrierefreiheit/melden/", views.barrier_report_create, name="barrier_report"),
    path("barrierefreiheit/danke/", views.barrier_report_thanks, name="barrier_report_thanks"),
    path("barrierefreiheit/meldungen/", views.barrier_report_list, name="barrier_report_list"),
    path(
        "barrierefreiheit/meldungen/<int:barrier_report>/",
        views.barrier_report_answer,
        name="barrier_report_answer",
    ),
    path("datenschutz/", views.legal_page, {"kind": LegalPage.Kind.PRIVACY}, name="privacy"),
    path("impressum/", views.legal_page, {"kind": LegalPage.Kind.IMPRINT}, name="imprint"),
    path(
        "leichte-sprache/",
        views.legal_page,
        {"kind": LegalPage.Kind.EASY_LANGUAGE},
        name="easy_language",
    ),
]
