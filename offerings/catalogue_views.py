from __future__ import annotations

from typing import Any

from django.views.generic import ListView

from districts.scoping import DistrictMixin
from offerings.models import Offering


class CatalogueView(DistrictMixin, ListView):
    model = Offering
    template_name = "offerings/offering_list.html"

    def get_queryset(self) -> Any:
        return Offering.objects.visible_to(self.request.user, self.district).select_related(
            "provider", "category"
        )
