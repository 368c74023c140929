"""Writes with rules for accounts and units."""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from intan_banjar.exceptions import InvalidInput, Refused

from .invitations import invitation_link
from .models import Unit, User
from .rules import may_change_role_of, may_deactivate, may_edit_profile, may_manage_users
from .signals import invitation_requested


@transaction.atomic
def user_create(*, email, full_name, password, role, unit=None, is_lead=False, nip=""):
    """Create an account; the model's validation refuses an operator or head without a unit."""
    return User.objects.create_user(
        email=email,
        password=password,
        full_name=full_name,
        role=role,
        unit=unit,
        is_lead=is_lead,
        nip=nip,
    )


@transaction.atomic
def unit_merge(*, source: Unit, target: Unit) -> Unit:
    """Merge `source` into `target`: its people move, its records stay with the unit as it was.

    The source row is kept (inactive, pointing at its successor) so innovations and agreements of
    past years still name the unit that made them.
    """
    if source.pk == target.pk:
        raise InvalidInput(_("A unit cannot be merged into itself."))
    if not target.active:
        raise InvalidInput(_("The target unit is not active."))
    source = Unit.objects.select_for_update().get(pk=source.pk)
    User.objects.filter(unit=source).update(unit=target)
    Unit.objects.filter(parent=source).update(parent=target)
    source.active = False
    source.merged_into = target
    source.save(update_fields=["active", "merged_into"])
    return source


@transaction.atomic
def unit_create(**fields) -> Unit:
    """Create a unit by hand (the reference list covers the regency; this adds what it lacks)."""
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def unit_update(*, unit: Unit, **fields) -> Unit:
    """Rename, re-head or deactivate a unit; its records keep pointing at the same row."""
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.full_clean()
    unit.save()
    return unit


@transaction.atomic
def user_update(*, user: User, password=None, **fields) -> User:
    """Change an account; the model's validation keeps the unit and lead-curator rules."""
    for name, value in fields.items():
        setattr(user, name, value)
    if password is not None:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def user_sign_out_everywhere(*, user: User) -> None:
    """End every session and API token of the user, on every device.

    A new session salt changes the session auth hash, so each session of the user, whatever
    browser holds it, is flushed at its next request; tokens are deleted.
    """
    user.session_salt = secrets.token_hex(16)
    user.save(update_fields=["session_salt"])
    Token.objects.filter(user=user).delete()


@transaction.atomic
def token_for(*, user: User) -> Token:
    """The user's API token; one past its lifetime is replaced by a new one."""
    from .authentication import token_expired

    token, created = Token.objects.select_for_update().get_or_create(user=user)
    if not created and token_expired(token):
        token.delete()
        token = Token.objects.create(user=user)
    return token


def _require(rule, by, user=None, message=None):
    if not rule.test(by, user):
        raise Refused(message)


def _announce_invitation(user, occurrence):
    invitation_requested.send(
        sender=User, user_id=user.pk, link=invitation_link(user), occurrence=occurrence
    )


@transaction.atomic
def user_invite(*, by, email, full_name, role, unit=None, is_lead=False, nip="", phone=""):
    """Create an account without a password and e-mail the person a link to set their own.

    Nobody but the person ever knows the password: the account has an unusable one until the
    link is used (`accounts.invitations`).
    """
    _require(may_manage_users, by)
    if User.objects.filter(email__iexact=email.strip()).exists():
        raise InvalidInput({"email": [_("An account with this e-mail address already exists.")]})
    user = User.objects.create_user(
        email=email.strip(),
        password=None,
        full_name=full_name,
        role=role,
        unit=unit,
        is_lead=is_lead,
        nip=nip,
        phone=phone,
    )
    _announce_invitation(user, "created")
    return user


@transaction.atomic
def user_invitation_resend(*, by, user: User) -> User:
    """E-mail the invitation again (a new link; the earlier one works until it expires).

    One e-mail per minute at most: a double click or a re-posted form does not send twice.
    """
    _require(may_manage_users, by)
    if user.has_usable_password():
        raise InvalidInput(
            _("%(name)s has already set a password; they can use “Forgot password”.")
            % {"name": user}
        )
    if not user.is_active:
        raise InvalidInput(_("The account is deactivated; reactivate it first."))
    _announce_invitation(user, timezone.now().strftime("%Y%m%d%H%M"))
    return user


@transaction.atomic
def user_change(*, by, user: User, **fields) -> User:
    """An administrator's change of someone's name, role, unit, lead-curator flag, NIP or phone.

    An administrator does not change their own role (they would lose the page they are on).
    """
    _require(may_manage_users, by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if "role" in fields and fields["role"] != user.role:
        _require(may_change_role_of, by, user, _("You cannot change your own role."))
    return user_update(user=user, **fields)


@transaction.atomic
def user_set_active(*, by, user: User, active: bool) -> User:
    """Deactivate (never delete: records keep naming who did what) or reactivate an account.

    A deactivated account cannot sign in; its open sessions end at their next request (Django
    refuses inactive users) and its API token is deleted now.
    """
    _require(may_deactivate, by, user, _("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        Token.objects.filter(user=user).delete()
    return user


@transaction.atomic
def profile_update(*, by, user: User, full_name, phone, language) -> User:
    """A person's own name, phone and language."""
    _require(may_edit_profile, by, user)
    return user_update(user=user, full_name=full_name, phone=phone, language=language)
