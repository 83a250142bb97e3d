"""Demo accounts for seed_demo. Other apps add their own `<app>/demo.py` with `seed()`."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model

from districts import demo_areas, demo_stakeholders
from districts.models import District, Membership

DEMO_DISTRICT_SLUG = "charlottenburg-wilmersdorf"
DEMO_PASSWORD = "mitwirkung"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    role: str


DEMO_ACCOUNTS = [
    DemoAccount("koordination", "Kim", "Koordination (Demo)", Membership.Role.COORDINATOR),
    DemoAccount("fachkraft", "Fatma", "Fachkraft (Demo)", Membership.Role.STAFF),
    DemoAccount("politik", "Paul", "Politik (Demo)", Membership.Role.VIEWER),
]


def seed(district: District) -> list[str]:
    """Demo logins, planning areas with synthetic values, and stakeholders; lines to print."""
    return seed_accounts(district) + demo_areas.seed(district) + demo_stakeholders.seed(district)


def seed_accounts(district: District) -> list[str]:
    """Create or reset the three demo logins."""
    User = get_user_model()
    lines = []
    for account in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=account.username)
        user.first_name, user.last_name = account.first_name, account.last_name
        user.email = f"{account.username}@demo.invalid"
        user.is_active = True
        user.set_password(DEMO_PASSWORD)
        user.save()
        Membership.objects.update_or_create(
            user=user, district=district, defaults={"role": account.role}
        )
        lines.append(f"  {account.username:<14} {DEMO_PASSWORD:<12} {account.role}")
    return lines
