from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_templated_mail(template_prefix: str, context: dict[str, Any], to: list[str]) -> None:
    """Send `<prefix>_subject.txt` and `<prefix>_body.txt` rendered in the active language."""
    send_mail(
        subject=render_to_string(f"{template_prefix}_subject.txt", context).strip(),
        message=render_to_string(f"{template_prefix}_body.txt", context),
        from_email=None,
        recipient_list=to,
    )
