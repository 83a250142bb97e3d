"""Templated e-mail with a bound: a mail server that is down or silent never hangs a request.

Django's SMTP backend waits EMAIL_TIMEOUT seconds (settings) at most. In a request, a failed
send is logged and the person acting is told it did not go out (warn_not_sent); what they did
is saved either way. Tasks pass raise_errors=True so Celery records or retries the failure.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.contrib import messages
from django.core.mail import send_mail
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.translation import gettext

logger = logging.getLogger(__name__)
# socket timeouts and refused connections are OSErrors; the server's own refusals SMTPExceptions.
MAIL_ERRORS = (OSError, smtplib.SMTPException)


def send_templated_mail(
    template_prefix: str, context: dict[str, Any], to: list[str], *, raise_errors: bool = False
) -> bool:
    """Send `<prefix>_subject.txt` and `<prefix>_body.txt` rendered in the active language.

    True when the mail server took it; False (logged) when it failed or did not answer.
    """
    try:
        send_mail(
            subject=render_to_string(f"{template_prefix}_subject.txt", context).strip(),
            message=render_to_string(f"{template_prefix}_body.txt", context),
            from_email=None,
            recipient_list=to,
        )
    except MAIL_ERRORS as exc:
        if raise_errors:
            raise
        logger.warning("mail %s to %s recipient(s) not sent: %r", template_prefix, len(to), exc)
        return False
    return True


def warn_not_sent(request: HttpRequest, email: str) -> None:
    messages.warning(
        request,
        gettext(
            "The e-mail to %(email)s could not be sent: the mail server did not answer. "
            "Everything else is saved; please tell the person yourself or try again later."
        )
        % {"email": email},
    )
