"""Signing in and out, and the password change (the home page is `intan_banjar.home`)."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import services
from .forms import LoginForm, PortalPasswordChangeForm
from .throttling import LoginRateThrottle


def with_language_cookie(response, language):
    """The pages' language (intan_banjar.middleware.PortalLocaleMiddleware reads the cookie)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    """The login form; its posts are rate-limited per client address before any password check."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        throttle = LoginRateThrottle()
        if not throttle.allow_request(request, self):
            context = self.get_context_data(form=self.form_class(request), throttled=True)
            response = self.render_to_response(context, status=429)
            wait = throttle.wait()
            if wait is not None:
                response.headers["Retry-After"] = str(math.ceil(wait))
            return response
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """Sign in, and show the pages in the language the person chose in their profile (if they
        chose one; otherwise the language switch's choice stays)."""
        response = super().form_valid(form)
        language = form.get_user().language
        return with_language_cookie(response, language) if language else response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been logged out."))
        return response


@require_POST
def sign_out_everywhere(request):
    """End the user's sessions on every device and their API token, then this session."""
    services.user_sign_out_everywhere(user=request.user)
    logout(request)
    messages.info(request, _("You have been signed out on every device."))
    return redirect("login")


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PortalPasswordChangeForm
    success_url = reverse_lazy("password_change_done")
