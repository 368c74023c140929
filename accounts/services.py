"""Writes with rules for accounts and units."""

import secrets

from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from intan_banjar.exceptions import InvalidInput

from .models import Unit, User


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
