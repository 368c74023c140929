"""Token authentication with an expiry (API_TOKEN_TTL_DAYS), so a leaked token does not live on."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from rest_framework import exceptions
from rest_framework.authentication import SessionAuthentication, TokenAuthentication

from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet


def token_expires(token):
    return token.created + timedelta(days=settings.API_TOKEN_TTL_DAYS)


def token_expired(token):
    return token_expires(token) <= timezone.now()


class ExpiringTokenAuthentication(TokenAuthentication):
    _reads = {}

    def authenticate_credentials(self, key):
        """Every API request of a script reads its token and user: one joined read, as DRF
        makes it, but compiled once per process (intan_banjar/prepared_reads.py; building the
        query each time cost more than running it). A refused token (unknown, inactive user)
        and anything not prepared go through DRF's own read again, so the refusals and their
        messages stay DRF's, at the price of a second read on that rare path."""
        model = self.get_model()
        read = self._reads.get(model)
        if read is None:
            read = self._reads[model] = PreparedGet(
                model, lambda key: model.objects.select_related("user").filter(key=key), key=str
            )
        token = read.get(key=key)
        if token is None or token is NOT_PREPARED or not token.user.is_active:
            user, token = super().authenticate_credentials(key)
        else:
            user = token.user
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(_("The token has expired. Request a new one."))
        return user, token


class PortalSessionAuthentication(SessionAuthentication):
    """DRF's session authentication answering with the user itself rather than the request's
    lazy proxy of it, which DRF would otherwise keep as `request.user` for the whole request:
    reading the session's user put the loaded user on the request in the proxy's place
    (intan_banjar.middleware.PortalAuthenticationMiddleware)."""

    def authenticate(self, request):
        answer = super().authenticate(request)
        if answer is None:
            return None
        user, auth = answer
        return getattr(request._request, "user", user), auth


class PortalSessionScheme(SessionScheme):
    """The OpenAPI schema's `cookieAuth` for it, as drf-spectacular gives DRF's own class."""

    target_class = PortalSessionAuthentication
