import contextlib

from django.conf import settings
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class PortalLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Pages send anonymous visitors to the login form; the API answers 401 itself (DRF)."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path_info.startswith("/api/"):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


class PortalLocaleMiddleware(LocaleMiddleware):
    """Pages speak Indonesian unless the user picked another language with the switch.

    Browsers in the region mostly announce English, so on pages the Accept-Language header is
    ignored and only the switch's cookie counts; the API keeps honouring Accept-Language (API.md).
    """

    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = settings.LANGUAGE_CODE
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen:
            with contextlib.suppress(LookupError):
                language = translation.get_supported_language_variant(chosen)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
