from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from districts.models import Membership


def district(request: HttpRequest) -> dict[str, Any]:
    """The district the page belongs to, and what the user may do there, for the layout."""
    current = getattr(request, "district", None)
    role = getattr(request, "district_role", None)
    return {
        "district": current,
        "district_role": role,
        "can_edit": Membership.Role.allows(role, Membership.Role.STAFF),
        "is_coordinator": Membership.Role.allows(role, Membership.Role.COORDINATOR),
    }
