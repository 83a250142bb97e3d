"""The one scoping mechanism every district page uses.

Staff URLs read /d/<district>/…; the view resolves the district once, through
District.objects.for_user, so outsiders get the same 404 as a district that does
not exist, and members without the needed role get 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404

from districts.models import District, Membership


def resolve_district(request: HttpRequest, slug: str, required_role: str) -> District:
    """The district named in the URL, if the user may act there with the required role."""
    district = get_object_or_404(District.objects.for_user(request.user), slug=slug)
    role = district.role_of(request.user)
    if not Membership.Role.allows(role, required_role):
        raise PermissionDenied
    request.district = district  # type: ignore[attr-defined]
    request.district_role = role  # type: ignore[attr-defined]
    return district


class DistrictMixin(LoginRequiredMixin):
    """For class-based views below /d/<district>/. Set required_role for write views."""

    required_role: str = Membership.Role.VIEWER
    district: District
    district_role: Membership.Role | None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.district = self.get_district()
        self.district_role = request.district_role  # type: ignore[attr-defined]
        return super().dispatch(request, *args, **kwargs)

    def get_district(self) -> District:
        return resolve_district(self.request, self.kwargs["district"], self.required_role)

    def get_queryset(self) -> Any:
        return super().get_queryset().for_district(self.district)  # type: ignore[misc]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {
            **super().get_context_data(**kwargs),  # type: ignore[misc]
            "district": self.district,
            "district_role": self.district_role,
        }


class DistrictFormMixin(DistrictMixin):
    """Create and edit views: the form gets `district=` and narrows every choice to it."""

    required_role: str = Membership.Role.STAFF

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "district": self.district}  # type: ignore[misc]
