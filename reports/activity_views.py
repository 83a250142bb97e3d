"""The district's activity feed: members of any role read it, the public never."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from districts.scoping import DistrictMixin
from reports.activity import PAGE_SIZE, activity_page


def _page_number(value: str) -> int:
    try:
        return max(1, int(value))
    except ValueError:
        return 1


class ActivityView(DistrictMixin, TemplateView):
    template_name = "reports/activity.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        page = activity_page(
            self.district,
            user=self.request.user,
            role=self.district_role,
            page=_page_number(self.request.GET.get("page", "1")),
        )
        return {**super().get_context_data(**kwargs), "page": page, "page_size": PAGE_SIZE}
