from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import translation

from districts.demo import DEMO_DISTRICT_SLUG
from districts.models import District

# Each app may bring demo content in `<app>/demo.py` with `seed(district) -> list[str]`;
# order follows the data flow, so later apps find what earlier ones made.
DEMO_APPS = ["districts", "goals", "offerings", "surveys", "reports"]


class Command(BaseCommand):
    help = "Create (or refresh) the demo district content and the demo logins. Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even with DJANGO_DEBUG off (demo passwords on a production system!).",
        )

    def handle(self, *args: Any, force: bool = False, **options: Any) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a known password. It refuses to run with "
                "DJANGO_DEBUG off; add --force if you really mean it."
            )
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            district = District.objects.get(slug=DEMO_DISTRICT_SLUG)
            district.has_demo_data = True
            district.save(update_fields=["has_demo_data"])
            lines: list[str] = []
            modules: list[Any] = []
            for app in DEMO_APPS:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                modules.append(module)
                lines.extend(module.seed(district))
        # What only shows after the commit (PDFs built then, without Redis): failures say so.
        with translation.override(settings.LANGUAGE_CODE):
            for module in modules:
                if hasattr(module, "summary"):
                    lines.extend(module.summary(district))
        self.stdout.write(self.style.SUCCESS(f"Demo data ready in {district.name}."))
        self.stdout.write("Demo logins (user, password, role):")
        for line in lines:
            self.stdout.write(line)
