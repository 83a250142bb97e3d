from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountSecurityConfig(AppConfig):
    name = "mitwirkung.account_security"
    label = "account_security"
    verbose_name = _("Account security")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from mitwirkung.account_security import session_idle, two_factor_state

        # Decided once at login, so an ordinary page view costs no device queries.
        user_logged_in.connect(two_factor_state.remember_at_login, dispatch_uid="two-factor-state")
        user_logged_in.connect(session_idle.stamp_at_login, dispatch_uid="session-idle-stamp")
