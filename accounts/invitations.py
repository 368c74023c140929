"""Set-password links for invitations and forgotten passwords: Django's password-reset tokens.

A token is bound to the account's password hash and last sign-in, so it works once (setting the
password changes the hash) and expires after PASSWORD_RESET_TIMEOUT. Invitation and reset use
the same tokens and the same set-password view; only the page's wording differs.
"""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


def set_password_path(user, url_name):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return reverse(url_name, kwargs={"uidb64": uid, "token": token})


def invitation_link(user):
    """The absolute link of the invitation e-mail (e-mails leave the site: SITE_URL)."""
    return settings.SITE_URL.rstrip("/") + set_password_path(user, "invitation_confirm")


def link_lifetime_days():
    return max(1, settings.PASSWORD_RESET_TIMEOUT // 86400)
