"""The Celery app: `celery -A mitwirkung worker` and `celery -A mitwirkung beat`."""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mitwirkung.settings")

app = Celery("mitwirkung")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
