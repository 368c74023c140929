"""A per-address limit on posts of the login form, like the token endpoint's scoped rate."""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from intan_banjar.client_ip import client_ip


class LoginRateThrottle(SimpleRateThrottle):
    """Counts in the cache per client address (the address rule axes uses, behind the proxy).

    django-axes locks an account after failures; this caps how fast one address may try
    passwords at all, across accounts. The rate is read per request so a test can change it.
    """

    scope = "login"

    def get_rate(self):
        return settings.LOGIN_THROTTLE["rate"]

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}


class PasswordResetRateThrottle(LoginRateThrottle):
    """ "Forgot password" requests per client address: each may send an e-mail, so fewer than
    sign-in attempts (PASSWORD_RESET_THROTTLE)."""

    scope = "password_reset"

    def get_rate(self):
        return settings.PASSWORD_RESET_THROTTLE["rate"]
