"""Setting one's own password from an e-mailed link: "forgot password" and the invitation.

Both use Django's password-reset tokens (`accounts.invitations`): one-time, expiring. The request
form answers the same whether or not the address has an account, and is throttled per client
address like the login form.
"""

import math

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from .forms import PortalPasswordResetForm, PortalSetPasswordForm
from .invitations import link_lifetime_days
from .throttling import PasswordResetRateThrottle


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    form_class = PortalPasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def post(self, request, *args, **kwargs):
        throttle = PasswordResetRateThrottle()
        if not throttle.allow_request(request, self):
            context = self.get_context_data(form=self.get_form(), throttled=True)
            response = self.render_to_response(context, status=429)
            wait = throttle.wait()
            if wait is not None:
                response.headers["Retry-After"] = str(math.ceil(wait))
            return response
        return super().post(request, *args, **kwargs)


@method_decorator(login_not_required, name="dispatch")
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "link_days": link_lifetime_days()}


@method_decorator(login_not_required, name="dispatch")
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """The link's page: a new password, then the sign-in form (no automatic sign-in, so the
    person proves at once that they know it)."""

    form_class = PortalSetPasswordForm
    success_url = reverse_lazy("login")
    success_message = _("Your password is set. Sign in with it now.")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever proved they own the address may sign in now, even if guessers locked the
        # account (django-axes) before.
        axes_reset(username=form.user.email)
        messages.success(self.request, self.success_message)
        return response


class InvitationConfirmView(PasswordResetConfirmView):
    """The invitation's link: the same one-time token, worded as a welcome."""

    template_name = "registration/invitation_confirm.html"
    success_message = _("Welcome! Your password is set. Sign in with your e-mail address.")
