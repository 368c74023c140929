import contextlib

from django.conf import settings
from django.contrib.auth.middleware import (
    AuthenticationMiddleware,
    LoginRequiredMiddleware,
    get_user,
)
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.functional import SimpleLazyObject


class PortalAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's, with `request.user` replaced by the user itself once it has been read.

    The lazy object still keeps a request that never looks at its user from loading the session
    (no query, no `Vary: Cookie`). But every later read through it goes via the proxy, a
    microsecond or so each, and a page reads its user many times: the workflow's predicates read
    the role of the same user dozens of times for an API list (issue 20). Once loaded, the user
    (the very object the proxy would hand out) takes the proxy's place on the request.
    """

    def process_request(self, request):
        super().process_request(request)

        def load():
            user = get_user(request)
            if vars(request).get("user") is proxy:  # not replaced meanwhile (login, logout)
                request.user = user
            return user

        request.user = proxy = SimpleLazyObject(load)


class PortalLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Pages send anonymous visitors to the login form; the API answers 401 itself (DRF)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages speak Indonesian unless the user picked another language with the switch.

    Browsers in the region mostly announce English, so on pages the Accept-Language header is
    ignored and only the switch's cookie counts. The API honours Accept-Language (API.md) for
    its clients; a request the portal's own pages make to it (an export link, a download: the
    browser's session cookie and no Authorization header) speaks the page's language, or a file
    downloaded from an Indonesian page would come out in English.
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/") and not _from_the_pages(request):
            return super().process_request(request)
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            with contextlib.suppress(LookupError):
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


def _from_the_pages(request):
    """A browser signed in to the portal, not an API client with its token."""
    return (
        settings.SESSION_COOKIE_NAME in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META
    )
