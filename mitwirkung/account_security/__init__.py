"""Account security: the second factor (TOTP app plus recovery codes) and the inactivity logout.

No models of its own: devices are django-otp's TOTPDevice and StaticDevice, the lockout counter
lives in the cache, and the per-session state in the session.
"""
