from __future__ import annotations

from django.urls import path

from mitwirkung.account_security import two_factor_views as views

app_name = "two_factor"

# Mounted at /konto/zweiter-faktor/ (mitwirkung/urls.py).
urlpatterns = [
    path("", views.status, name="status"),
    path("einrichten/", views.enrol, name="enrol"),
    path("bestaetigen/", views.verify, name="verify"),
    path("wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("wiederherstellungscodes/neu/", views.regenerate, name="regenerate"),
    path("ausschalten/", views.disable, name="disable"),
]
