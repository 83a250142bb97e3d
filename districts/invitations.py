"""Adding a person to a district: an account if needed, the membership, and an e-mail."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from districts.models import District, Membership, Stakeholder
from mitwirkung.mail import send_templated_mail, warn_not_sent

User = get_user_model()


def membership_invite(
    *,
    district: District,
    email: str,
    role: str,
    request: HttpRequest,
    first_name: str = "",
    last_name: str = "",
    stakeholder: Stakeholder | None = None,
    publishes_directly: bool = False,
) -> Membership:
    """Make the person a member; a new account gets a link to choose its own password.

    `stakeholder` and `publishes_directly` count only for providers: the organisation whose
    offerings they keep up to date, and whether their changes skip the coordinator's review.
    """
    if role != Membership.Role.PROVIDER:
        stakeholder, publishes_directly = None, False
    if stakeholder is not None and stakeholder.district_id != district.pk:
        raise ValueError("The organisation belongs to another district.")
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        created = user is None
        if created:
            # The e-mail address is the login name, so an invited person needs to remember nothing new.
            user = User(username=email, email=email, first_name=first_name, last_name=last_name)
            user.set_unusable_password()
            user.save()
        membership = Membership.objects.create(
            user=user,
            district=district,
            role=role,
            stakeholder=stakeholder,
            publishes_directly=publishes_directly,
        )
    context: dict[str, Any] = {
        "district": district,
        "membership": membership,
        "user": user,
        "invited_by": request.user,
        "login_url": request.build_absolute_uri(reverse("login")),
    }
    if created:
        path = reverse(
            "password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        context["set_password_url"] = request.build_absolute_uri(path)
    if not send_templated_mail("districts/email/invitation", context, [user.email]):
        warn_not_sent(request, user.email)
    return membership
