from django import forms
from django.conf import settings
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from .fields import PhoneFormField
from .invitations import link_lifetime_days
from .models import PORTAL_LANGUAGES, User


class BootstrapMixin:
    """Give every widget Bootstrap's look; errors are marked by Django's aria-invalid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class LoginForm(BootstrapMixin, AuthenticationForm):
    """E-mail login under the field name `username`, as Django and django-axes expect."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    # Django's sentence puts the field's label into "a correct %(username)s" (its Indonesian
    # catalogue reads badly around it) and calls both fields case-sensitive, which the address
    # is not here.
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The e-mail address or the password is not right. Capitals count in the password."
        ),
    }

    def clean_username(self):
        # Addresses are stored in lower case; people type them as they like.
        return self.cleaned_data["username"].strip().lower()


class PortalPasswordChangeForm(BootstrapMixin, PasswordChangeForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class PortalPasswordResetForm(BootstrapMixin, PasswordResetForm):
    """ "Forgot password": the e-mail goes out in the account's language, through the portal's
    e-mail layout; accounts still waiting for their first password (invited) are included, as
    the portal has no sign-in other than the password."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )

    def get_users(self, email):
        return User.objects.filter(email__iexact=email.strip(), is_active=True)

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        user = context["user"]
        path = reverse(
            "password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]}
        )
        context.update(
            recipient=user,
            link=settings.SITE_URL.rstrip("/") + path,
            days=link_lifetime_days(),
        )
        with translation.override(user.language or settings.LANGUAGE_CODE):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)


class PortalSetPasswordForm(BootstrapMixin, SetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("New password")
        self.fields["new_password2"].label = _("New password again")


class ProfileForm(BootstrapMixin, forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    phone = PhoneFormField(required=False)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=PORTAL_LANGUAGES,
        help_text=_("The language of the pages after you sign in and of your e-mails."),
    )
