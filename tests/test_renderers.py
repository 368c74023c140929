"""`PortalJSONRenderer` writes the bytes DRF's JSONRenderer writes, for any body of the API."""

import datetime
import decimal
import json
import uuid
import zoneinfo

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer

from intan_banjar.renderers import PortalJSONRenderer

WITA = zoneinfo.ZoneInfo("Asia/Makassar")


def both(data, media_type=None, context=None):
    return (
        PortalJSONRenderer().render(data, media_type, context),
        JSONRenderer().render(data, media_type, context),
    )


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x == 0 or abs(x) >= 1e-4)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(JSON_VALUES)
def test_any_json_value_is_written_as_drf_writes_it(value):
    ours, drf = both(value)
    assert ours == drf


@pytest.mark.parametrize(
    "value",
    [
        {"count": 2, "results": [{"id": 1, "title": "Layanan Cepat", "score": 3.75}]},
        "line\u2028and paragraph\u2029separators",
        'control \x00\x01\x1f\x7f \b\f\n\r\t " \\ / ⟨é⟩ 😀',
        [0.0, -0.0, 1.0, 1e15, 1e16, 1e22, 1e-4, 0.00012, 1 / 3, 75.0, 43.5, 1.7e308],
        "curly “quotes”, a dash – and an ellipsis … beside \u2028 and \u2029",
        [2**63 - 1, -(2**63), 2**64 - 1, 2**64, -(2**64) - 1, 10**30],
        {1: "integer key", "b": 2},
        {"decimal": decimal.Decimal("12.50"), "small": decimal.Decimal("0.0001")},
        {"uuid": uuid.UUID("12345678-1234-5678-1234-567812345678")},
        {"lazy": gettext_lazy("Year"), "bytes": b"abc", "set": {1}, "tuple": (1, "a")},
        {"dates": [datetime.date(2025, 12, 11), datetime.time(9, 30, 15, 500)]},
        {"duration": datetime.timedelta(days=1, seconds=5)},
        "a code like 3e-5 and 0.00001 in text",
        [],
        {},
        "",
    ],
)
def test_api_types_are_written_as_drf_writes_them(value):
    ours, drf = both(value)
    assert ours == drf


@pytest.mark.parametrize("zone", [WITA, datetime.UTC])
def test_datetimes_go_through_drfs_encoder(zone):
    values = [
        datetime.datetime(2025, 12, 11, 9, 0, tzinfo=datetime.UTC),
        datetime.datetime(2025, 12, 11, 9, 0, 0, 123456, tzinfo=WITA),
        datetime.datetime(2025, 12, 11, 9, 0),
    ]
    with timezone.override(zone):
        ours, drf = both({"at": values})
    assert ours == drf
    assert b"Z" in ours  # DRF's "Z" for UTC, not orjson's "+00:00"


def test_indented_bodies_are_the_standard_librarys():
    data = {"a": [1, {"b": "c"}]}
    ours, drf = both(data, "application/json; indent=4")
    assert ours == drf
    assert b"\n    " in ours
    ours, drf = both(data, None, {"indent": 2})
    assert ours == drf


def test_nesting_orjson_refuses_falls_back():
    deep = current = []
    for _ in range(300):
        current.append([])
        current = current[0]
    ours, drf = both(deep)
    assert ours == drf


def test_unknown_types_fail_as_before():
    class Unknown:
        pass

    with pytest.raises(TypeError):
        PortalJSONRenderer().render({"x": Unknown()})
    with pytest.raises(TypeError):
        JSONRenderer().render({"x": Unknown()})


def test_nothing_renders_nothing():
    assert both(None) == (b"", b"")


@pytest.mark.django_db
def test_the_api_answers_with_it(client, admin_user):
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_RENDERER_CLASSES[0] is PortalJSONRenderer
    client.force_login(admin_user)
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert response.content == JSONRenderer().render(response.json())


def test_orjson_writes_a_plain_body(monkeypatch):
    """The standard library is the fallback, not the rule: a list page's body never reaches it."""
    data = {"count": 1, "results": [{"id": 1, "score": 3.75, "at": datetime.date(2025, 1, 2)}]}
    expected = JSONRenderer().render(data)

    def refuse(*args, **kwargs):
        raise AssertionError("the standard library wrote a plain body")

    monkeypatch.setattr(JSONRenderer, "render", refuse)
    assert PortalJSONRenderer().render(data) == expected


@pytest.mark.parametrize("value", [1e-5, -2.5e-7, 5e-324, 9.99e-5])
def test_floats_under_1e_4_are_the_same_number_in_their_shortest_form(value):
    """The one representational difference (see the module): the same number to a reader."""
    ours, drf = both({"x": value})
    assert json.loads(ours) == json.loads(drf) == {"x": value}


def test_nan_is_null_where_drf_refuses_it():
    """DRF's strict JSON raises (a 500); orjson writes null. No body of the API holds one."""
    with pytest.raises(ValueError):
        JSONRenderer().render({"x": float("nan")})
    assert PortalJSONRenderer().render({"x": float("nan")}) == b'{"x":null}'
