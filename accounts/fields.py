"""Fields shared by every app: who recorded something, NIPs and phone numbers.

`recorded_user`: the user a record names as having done something (created, signed, updated).

Thirteen such fields across the apps were the same six lines: optional (a record may predate
accounts or come from an import), no reverse accessor on the user (nothing lists a user's
records through them), and a deletion policy. One definition keeps them alike.
"""

import re

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


def recorded_user(verbose_name, *, on_delete=models.SET_NULL):
    """A nullable foreign key to the user, without a reverse relation; PROTECT where the record
    must keep naming who did it (signatures), SET_NULL elsewhere."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=on_delete,
        related_name="+",
    )


# --- NIP and phone numbers ---------------------------------------------------------------------
# A NIP is printed on ID cards in groups ("19780512 200312 1 004") and phones are written as
# "0812-3456-7890" or "+62 812 3456 7890": people type what they read. Every form field and API
# field below accepts those spellings and hands on one stored form (18 digits; +62 and the
# national number), so searching, deduplicating and printing see the same value.

NIP_SEPARATORS = re.compile(r"[\s.\-]+")
PHONE_SEPARATORS = re.compile(r"[\s.\-()/]+")
PHONE_STORED = re.compile(r"^\+62[1-9][0-9]{7,11}$")

nip_validator = RegexValidator(r"^\d{18}$", _("A NIP has exactly 18 digits."))
phone_validator = RegexValidator(
    PHONE_STORED,
    _("Give an Indonesian phone number, e.g. 0812 3456 7890 or +62 511 4772 123."),
)


def normalize_nip(value):
    """The NIP without the spaces, dots and dashes it is printed with; "" when empty."""
    return NIP_SEPARATORS.sub("", str(value or "").strip())


def normalize_phone(value):
    """ "+62…" for an Indonesian number written as 08…, 62… or +62…; "" when empty.

    Anything else is returned without separators, for `phone_validator` to refuse: the
    normaliser never guesses a number it cannot read.
    """
    text = PHONE_SEPARATORS.sub("", str(value or "").strip())
    if not text:
        return ""
    if text.startswith("+62"):
        return text
    if text.startswith("62"):
        return f"+{text}"
    if text.startswith("0"):
        return f"+62{text[1:]}"
    return text


class NIPFormField(forms.CharField):
    """A NIP typed as printed (groups separated by spaces) and cleaned to its 18 digits.

    No max_length on the input: the printed form is longer than the stored one.
    """

    default_validators = [nip_validator]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("NIP"))
        kwargs.setdefault("help_text", _("18 digits; spaces as on the ID card are fine."))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_nip(super().to_python(value))


class PhoneFormField(forms.CharField):
    """An Indonesian phone number (08…, 62…, +62…), stored as +62 and the national number."""

    default_validators = [phone_validator]

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Phone"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        return normalize_phone(super().to_python(value))


class NIPSerializerField(serializers.CharField):
    """The API's NIP field: the same spellings as the form field, the same 18 digits."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), nip_validator]
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return normalize_nip(super().to_internal_value(data))


class PhoneSerializerField(serializers.CharField):
    """The API's phone field: the same spellings and stored form as `PhoneFormField`."""

    def __init__(self, **kwargs):
        kwargs["validators"] = [*kwargs.get("validators", ()), phone_validator]
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return normalize_phone(super().to_internal_value(data))
