"""The district settings page: sign-in and retention choices, and what retention deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from districts.models import District, Membership
from districts.scoping import DistrictMixin
from districts.settings_forms import DistrictSettingsForm

# The log grows by at most a few rows a night; a year of it fits on one page.
LOG_ROWS = 100


class DistrictSettingsView(DistrictMixin, UpdateView):
    form_class = DistrictSettingsForm
    required_role = Membership.Role.COORDINATOR
    template_name = "districts/settings.html"

    def get_object(self, queryset: Any = None) -> District:
        return self.district

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        # Through the reverse relation: the districts app does not import the surveys app.
        logs = self.district.retention_logs.all()[:LOG_ROWS]  # type: ignore[attr-defined]
        return {**super().get_context_data(**kwargs), "retention_logs": logs}

    def form_valid(self, form: DistrictSettingsForm) -> HttpResponse:
        district = form.save(commit=False)
        district.save(update_fields=list(form.Meta.fields))
        messages.success(self.request, _("The settings have been saved."))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("districts:settings", kwargs={"district": self.district.slug})

    def get_queryset(self) -> Any:
        return District.objects.filter(pk=self.district.pk)
