"""The shared NIP and phone fields: what people type is accepted, one spelling is stored."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework import serializers

from accounts.fields import (
    NIPFormField,
    NIPSerializerField,
    PhoneFormField,
    PhoneSerializerField,
    normalize_nip,
    normalize_phone,
)

NIP = "197805122003121004"


@pytest.mark.parametrize(
    "typed",
    [
        NIP,
        "19780512 200312 1 004",
        " 19780512  200312 1 004 ",
        "19780512.200312.1.004",
        "19780512-200312-1-004",
    ],
)
def test_nip_form_field_accepts_printed_spellings(typed):
    assert NIPFormField().clean(typed) == NIP


@pytest.mark.parametrize(
    "typed", ["19780512 200312 1 00", "19780512 200312 1 0045", "1978O512200312l004"]
)
def test_nip_form_field_refuses_wrong_length_or_letters(typed):
    with pytest.raises(ValidationError):
        NIPFormField().clean(typed)


def test_nip_form_field_optional_empty_is_empty():
    assert NIPFormField(required=False).clean("   ") == ""


def test_nip_form_field_input_has_no_maxlength_that_blocks_spaces():
    html = NIPFormField().widget.render("nip", "")
    assert "maxlength" not in html
    assert 'inputmode="numeric"' in html


def test_normalize_nip_of_none_is_empty():
    assert normalize_nip(None) == ""


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("+62 812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("(0511) 4772 123", "+625114772123"),
        ("0511.4772123", "+625114772123"),
    ],
)
def test_phone_form_field_normalises_indonesian_numbers(typed, stored):
    assert PhoneFormField().clean(typed) == stored


@pytest.mark.parametrize(
    "typed",
    ["12345", "0812", "+1 202 555 0100", "08123456789012345", "0812-34x6-7890", "00812345678"],
)
def test_phone_form_field_refuses_what_is_not_an_indonesian_number(typed):
    with pytest.raises(ValidationError):
        PhoneFormField().clean(typed)


def test_phone_form_field_optional_empty_is_empty():
    assert PhoneFormField(required=False).clean("") == ""


def test_normalize_phone_leaves_unreadable_numbers_for_the_validator():
    assert normalize_phone("+1 202 555 0100") == "+12025550100"


class _People(serializers.Serializer):
    nip = NIPSerializerField(required=False, allow_blank=True)
    phone = PhoneSerializerField(required=False, allow_blank=True)


def test_serializer_fields_store_the_same_spelling_as_the_forms():
    serializer = _People(data={"nip": "19780512 200312 1 004", "phone": "0812 3456 7890"})
    assert serializer.is_valid(), serializer.errors
    assert serializer.validated_data == {"nip": NIP, "phone": "+6281234567890"}


def test_serializer_fields_refuse_bad_values_with_field_errors():
    serializer = _People(data={"nip": "1978 0512", "phone": "12345"})
    assert not serializer.is_valid()
    assert set(serializer.errors) == {"nip", "phone"}


def test_serializer_fields_accept_blank():
    serializer = _People(data={"nip": "", "phone": ""})
    assert serializer.is_valid(), serializer.errors
