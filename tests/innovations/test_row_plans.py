"""`innovations.row_plans`: a plan writes what the serializer writes, or refuses the field."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from rest_framework import serializers

from innovations.row_plans import iso_datetime_writer, values_plan, writer

UTC = datetime.UTC
WITA = zoneinfo.ZoneInfo("Asia/Makassar")


class Child(serializers.Serializer):
    name = serializers.CharField()
    at = serializers.DateTimeField()


class Row(serializers.Serializer):
    id = serializers.IntegerField()
    big = serializers.IntegerField()
    title = serializers.CharField()
    state = serializers.ChoiceField(choices=[("a", "A"), ("b", "B")])
    flag = serializers.BooleanField()
    tags = serializers.ListField(child=serializers.CharField())
    data = serializers.JSONField()
    at = serializers.DateTimeField()
    on = serializers.DateField()
    year = serializers.IntegerField(source="cycle.year")
    children = Child(many=True)


VALUES = [
    datetime.datetime(2025, 1, 31, 16, 30, tzinfo=UTC),
    datetime.datetime(2025, 1, 31, 16, 30, 0, 120, tzinfo=UTC),
    datetime.datetime(2025, 12, 31, 23, 59, 59, 999999, tzinfo=WITA),
    datetime.datetime(1999, 3, 1, 0, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
]


def _row(at, on):
    return {
        "id": 7,
        "big": 2**40,
        "title": "<b>\"x\" & 'y'</b>",
        "state": "b",
        "flag": False,
        "tags": ["a", "ü"],
        "data": {"k": [1, None]},
        "at": at,
        "on": on,
        "cycle__year": 2025,
        "children": [{"name": "n", "at": at}, {"name": "m", "at": None}],
    }


def _drf(row):
    """What DRF writes for the same values (its field walk over an object)."""

    class Obj:
        def __init__(self, data):
            self.__dict__.update(data)

    obj = Obj({k: v for k, v in row.items() if k not in ("cycle__year", "children")})
    obj.cycle = Obj({"year": row["cycle__year"]})
    obj.children = [Obj(child) for child in row["children"]]
    return dict(Row(obj).data)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Makassar", "Asia/Jakarta"])
@pytest.mark.parametrize("at", [*VALUES, None])
@pytest.mark.parametrize("on", [datetime.date(2025, 2, 1), None])
def test_plan_writes_what_drf_writes(zone, at, on):
    row = _row(at, on)
    with timezone.override(zone):
        write = writer(values_plan(Row()))()
        ours, theirs = write(row), _drf(row)

    assert list(ours.items()) == list(theirs.items())


def test_the_time_zone_is_read_when_the_writer_is_made():
    """Once a page (the list serializer makes its writer per request), not once a value."""
    make = writer(values_plan(Row()))
    row = _row(VALUES[0], None)
    with timezone.override("Asia/Jakarta"):
        western = make()
    with timezone.override("Asia/Makassar"):
        central = make()
        written = western(row), central(row)

    assert [w["at"] for w in written] == ["2025-01-31T23:30:00+07:00", "2025-02-01T00:30:00+08:00"]
    assert [w["children"][0]["at"] for w in written] == [w["at"] for w in written]


def test_replaced_fields_are_given_per_request():
    make = writer(values_plan(Row(), replaced=("title", "flag")))
    write = make(title=lambda row: "T", flag=lambda row: True)

    written = write(_row(VALUES[0], None))

    assert (written["title"], written["flag"]) == ("T", True)
    assert list(written) == list(Row().fields)


def test_a_field_reading_the_request_is_refused():
    class WithMethod(serializers.Serializer):
        id = serializers.IntegerField()
        extra = serializers.SerializerMethodField()

    with pytest.raises(TypeError, match="extra"):
        values_plan(WithMethod())


@pytest.mark.parametrize("zone", [WITA, UTC, zoneinfo.ZoneInfo("America/Sao_Paulo")])
def test_iso_datetime_writer_writes_what_drf_writes(zone):
    field = serializers.DateTimeField()
    values = [
        None,
        datetime.datetime(2025, 1, 23, 1, 0, tzinfo=UTC),
        datetime.datetime(2025, 12, 31, 23, 59, 59, 123456, tzinfo=WITA),
        datetime.datetime(2024, 2, 29, 12, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")),
        datetime.datetime(2025, 6, 1, 8, 30),  # naive: DRF's own path
    ]
    with timezone.override(zone):
        write = iso_datetime_writer(field.to_representation)
        for value in values:
            expected = None if value is None else field.to_representation(value)
            assert write(value) == expected
