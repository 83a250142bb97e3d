from __future__ import annotations

from django.urls import path

from goals import indicator_views as views

urlpatterns = [
    path("<int:goal>/indikatoren/neu/", views.IndicatorCreateView.as_view(), name="indicator_add"),
    path(
        "indikatoren/<int:indicator>/",
        views.IndicatorDetailView.as_view(),
        name="indicator_detail",
    ),
    path(
        "indikatoren/<int:indicator>/bearbeiten/",
        views.IndicatorUpdateView.as_view(),
        name="indicator_edit",
    ),
    path(
        "indikatoren/<int:indicator>/loeschen/",
        views.IndicatorDeleteView.as_view(),
        name="indicator_delete",
    ),
    path(
        "indikatoren/<int:indicator>/werte/neu/",
        views.ValueCreateView.as_view(),
        name="value_add",
    ),
    path("werte/<int:value>/loeschen/", views.ValueDeleteView.as_view(), name="value_delete"),
    path(
        "indikatoren/<int:indicator>/partner/neu/",
        views.PartnerCreateView.as_view(),
        name="partner_add",
    ),
    path(
        "partner/<int:partner>/loeschen/",
        views.PartnerDeleteView.as_view(),
        name="partner_delete",
    ),
    path(
        "indikatoren/<int:indicator>/massnahmen/neu/",
        views.ActionCreateView.as_view(),
        name="action_add",
    ),
    path(
        "massnahmen/<int:action>/bearbeiten/",
        views.ActionUpdateView.as_view(),
        name="action_edit",
    ),
    path(
        "massnahmen/<int:action>/loeschen/",
        views.ActionDeleteView.as_view(),
        name="action_delete",
    ),
    path(
        "indikatoren/<int:indicator>/kurve/",
        views.CurveUpdateView.as_view(),
        name="curve_edit",
    ),
    path("datenagenda/", views.DataAgendaView.as_view(), name="data_agenda"),
]
