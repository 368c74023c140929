"""BuiltFieldsMixin serializers write out what DRF's own serializers write out."""

import pytest
from rest_framework import serializers

from accounts.models import Unit
from intan_banjar.api import BuiltFieldsMixin


class StockUnitSerializer(serializers.ModelSerializer):
    secret = serializers.CharField(write_only=True, required=False)

    class Meta:
        model = Unit
        fields = ["code", "name", "kind", "active", "secret"]


class BuiltUnitSerializer(BuiltFieldsMixin, StockUnitSerializer):
    class Meta(StockUnitSerializer.Meta):
        pass


@pytest.mark.django_db
def test_list_representation_matches_drf_and_leaves_write_only_fields_out(unit, other_unit):
    units = Unit.objects.filter(pk__in=[unit.pk, other_unit.pk]).order_by("pk")
    built = BuiltUnitSerializer(units, many=True).data
    assert built == StockUnitSerializer(units, many=True).data
    assert len(built) == 2
    assert all("secret" not in row and row["code"] for row in built)


def _serializers():
    """Every serializer class of the portal that keeps its built fields."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - imports every API module, and its serializers
    found, stack = [], list(BuiltFieldsMixin.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] != "tests":
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


# Not compared: the arguments (compared through the state they build), the parent (a nested
# field's points back: compared where it is the field itself), and `_creation_counter`, which
# orders a class's declared fields when the class is made (a copy keeps its original's place;
# DRF's deep copy draws a new, later number).
SKIPPED = {"_args", "_kwargs", "parent", "_creation_counter"}


def _same(a, b, path):
    """Two fields' states equal as a serializer sees them (validators and querysets have no
    equality of their own: their type and state, their SQL)."""
    from django.db.models import QuerySet

    if isinstance(a, QuerySet):
        assert type(a) is type(b) and str(a.query) == str(b.query), path
    elif isinstance(a, list | tuple):
        assert type(a) is type(b) and len(a) == len(b), path
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, f"{path}[{index}]")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for key in a.keys() - SKIPPED:
            _same(a[key], b[key], f"{path}.{key}")
    elif hasattr(a, "__dict__") and not isinstance(a, type) and a != b:
        assert type(a) is type(b), path
        _same(vars(a), vars(b), path)
    elif a != b and hasattr(type(a), "__slots__"):  # DRF's lazy_format: its text
        assert type(a) is type(b) and str(a) == str(b), path
    else:
        assert a == b, path


@pytest.mark.django_db
def test_the_kept_fields_copy_as_drfs_deep_copy():
    """`copied_field` against `copy.deepcopy` for every field of every serializer using it."""
    import copy

    from intan_banjar.api import copied_field

    classes = _serializers()
    assert len(classes) >= 8
    for cls in classes:
        cls().fields  # noqa: B018 - builds the class's fields
        for name, built in cls._built_fields.items():
            ours, drfs = copied_field(built), copy.deepcopy(built)
            assert ours is not built and type(ours) is type(drfs)
            assert ours.parent is None and ours.field_name is None
            _same(vars(ours), vars(drfs), f"{cls.__qualname__}.{name}")


@pytest.mark.django_db
def test_each_serializer_binds_fields_of_its_own():
    from innovations.serializers import InnovationSerializer

    first, second = InnovationSerializer(), InnovationSerializer()
    for name, field in first.fields.items():
        other = second.fields[name]
        assert field is not other
        assert field.parent is first and other.parent is second
        assert field.field_name == other.field_name == name
    assert all(f.parent is None for f in InnovationSerializer._built_fields.values())


BAD_BODIES = {
    "innovations.serializers.InnovationSerializer": {
        "budget": -5,
        "title": "x" * 400,
        "affairs": ["y" * 300],
        "innovators": [{"name": ""}],
    },
    "curation.serializers.ReviewSerializer": {
        "scores": {"a": 9},
        "recommendation": "maybe",
        "comment": 5,
    },
}


def _messages(path, language):
    from django.utils import translation
    from django.utils.module_loading import import_string

    with translation.override(language):
        serializer = import_string(path)(data=BAD_BODIES[path])
        assert not serializer.is_valid()
        return serializer.errors


@pytest.mark.django_db
@pytest.mark.parametrize("path", sorted(BAD_BODIES))
def test_messages_follow_each_requests_language(path, monkeypatch):
    """A validator's message is formatted in the language of the request that failed, never
    kept from an earlier request's (DRF's `lazy_format` keeps its text once formatted)."""
    import copy

    from intan_banjar import api

    ours = [_messages(path, language) for language in ("en", "id", "en", "id")]
    monkeypatch.setattr(api, "copied_field", copy.deepcopy)
    drfs = [_messages(path, language) for language in ("en", "id", "en", "id")]
    assert ours == drfs
    assert ours[0] != ours[1]  # the messages are translated at all
