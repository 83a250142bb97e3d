#!/usr/bin/env python
"""Django's command-line utility for MitWirkung."""

from __future__ import annotations

import importlib
import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mitwirkung.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    settings_module = os.environ["DJANGO_SETTINGS_MODULE"]
    for index, arg in enumerate(sys.argv):
        if arg.startswith("--settings="):
            settings_module = arg.split("=", 1)[1]
        elif arg == "--settings" and index + 1 < len(sys.argv):
            settings_module = sys.argv[index + 1]
    try:
        importlib.import_module(settings_module)
    except ImproperlyConfigured as exc:
        # Django would swallow this and fail later with "Models aren't loaded yet".
        sys.exit(f"{exc}\nFor development on your own machine: DJANGO_DEBUG=1 python manage.py …")
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
