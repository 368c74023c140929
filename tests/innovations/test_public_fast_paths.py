"""The public catalogue's fast paths give exactly what the code they replaced gave.

The API's list and the open data files build each record with `public_record` instead of the
serializer's field walk; the catalogue page formats its cards with the standard library's
escaping instead of `format_html_join`. The references below are the replaced code, compared
on innovations with nulls, blanks, long texts, HTML special characters, no unit (community),
demo and archive rows, in both languages.
"""

import datetime
import json

import pytest
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from rest_framework import serializers
from rest_framework.renderers import JSONRenderer

from innovations.enums import Form, InnovationType, Maturity, SourceCategory, Status
from innovations.public_api import PublicInnovationSerializer, public_innovations, with_people
from innovations.public_records import (
    CARD_VALUES,
    public_record,
    public_rows,
    with_people_records,
)
from innovations.templatetags.catalogue import _BADGE, _CARD, catalogue_cards
from intan_banjar.choices import translated_labels
from intan_banjar.links import row_url
from tests.factories import CycleFactory, UnitFactory
from tests.innovations.factories import InnovationFactory, InnovatorFactory, PartnerFactory

HTML = "<b>\"Tanda\"</b> & 'kutip' <script>alert(1)</script>"


class _ReferenceMeta:
    model = PublicInnovationSerializer.Meta.model
    fields = PublicInnovationSerializer.Meta.fields
    read_only_fields = PublicInnovationSerializer.Meta.read_only_fields


# PublicInnovationSerializer's declaration as a plain ModelSerializer with DRF's own list
# serializer: the field walk that `public_record` replaces.
ReferenceSerializer = type(
    "ReferenceSerializer",
    (serializers.ModelSerializer,),
    {**PublicInnovationSerializer._declared_fields, "Meta": _ReferenceMeta},
)


def reference_cards(innovations):
    """`catalogue_cards` as it was, through `format_html_join`."""
    from django.template.defaultfilters import truncatewords

    fields = (
        ("source_category", SourceCategory),
        ("form", Form),
        ("type", InnovationType),
        ("maturity", Maturity),
    )
    labels = {field: translated_labels(choices) for field, choices in fields}
    demo = format_html(' · <span class="badge text-bg-warning">{}</span>', gettext("Demo data"))
    community = gettext("Community (masyarakat)")
    archive = format_html(
        ' · <span class="badge text-bg-light border">{}</span>', gettext("Archive")
    )
    return format_html_join(
        "",
        _CARD,
        (
            {
                "code": innovation.code,
                "year": innovation.year,
                "demo": demo if innovation.is_demo else "",
                "archive": archive if innovation.import_key else "",
                "url": innovation.url,
                "title": innovation.title,
                "unit": innovation.unit.name if innovation.unit else community,
                "summary": truncatewords(innovation.summary, 30),
                "badges": format_html_join(
                    "",
                    _BADGE,
                    (
                        (labels[field].get(value, value),)
                        for field, _choices in fields
                        if (value := getattr(innovation, field))
                    ),
                ),
            }
            for innovation in innovations
        ),
    )


@pytest.fixture
def varied(db):
    cycle = CycleFactory(year=2024)
    unit = UnitFactory(name=f"Dinas {HTML}")
    rows = [
        InnovationFactory(cycle=cycle, unit=unit, status=Status.LAUNCHED, title=f"Judul {HTML}"),
        InnovationFactory(
            cycle=cycle,
            unit=None,
            status=Status.LAUNCHED,
            summary=" ".join(["kata"] * 60) + f" {HTML}",
            trial_date=None,
            implementation_date=None,
            form="",
            type="",
            maturity="",
            video_url="https://example.org/v?a=1&b=<2>",
            is_demo=True,
        ),
        InnovationFactory(
            cycle=cycle,
            status=Status.LAUNCHED,
            summary="",
            results=HTML,
            import_key="arsip-2019-17",
            trial_date=datetime.date(2019, 1, 31),
        ),
        InnovationFactory(
            cycle=cycle,
            status=Status.LAUNCHED,
            title="Ω ünïcødé " * 20,
            summary=" ".join(["w"] * 29 + ["…", "x"]),
        ),
        InnovationFactory(
            cycle=cycle, status=Status.LAUNCHED, summary="  tiga\n\tkata  saja ", form=""
        ),
    ]
    for number, innovation in enumerate(rows[:3]):
        for position in range(number):
            InnovatorFactory(innovation=innovation, name=f"Inovator {HTML} {position}")
            PartnerFactory(
                innovation=innovation, name=f"Mitra {HTML}", role=HTML if position else ""
            )
    return rows


def records():
    return [public_record(row) for row in with_people_records(public_rows(public_innovations()))]


def test_public_record_is_the_serializer_body(varied):
    expected = [ReferenceSerializer(row).data for row in with_people(public_innovations())]

    assert len(records()) == 5
    assert records() == expected
    assert [list(record) for record in records()] == [list(record) for record in expected]
    assert JSONRenderer().render(records()) == JSONRenderer().render(expected)


def test_the_serializer_still_gives_the_body(varied):
    """The single innovation of the API keeps the serializer (built fields included)."""
    assert [PublicInnovationSerializer(row).data for row in with_people(public_innovations())] == (
        records()
    )


def test_filtered_and_ordered_rows_keep_their_order(varied):
    queryset = public_innovations().filter(unit__isnull=False).order_by("code")
    rows = with_people_records(public_rows(queryset))

    assert [public_record(row) for row in rows] == [
        ReferenceSerializer(row).data for row in with_people(queryset)
    ]


def test_public_api_list_is_the_serializer_body(varied, client):
    body = client.get("/api/v1/public/innovations/").json()
    rows = with_people(public_innovations())

    assert body["results"] == json.loads(
        JSONRenderer().render(ReferenceSerializer(rows, many=True).data)
    )


def test_open_data_json_is_the_serializer_body(varied, client):
    response = client.get("/katalog/data.json")
    body = json.loads(b"".join(response.streaming_content))
    rows = with_people(public_innovations())

    assert body == json.loads(JSONRenderer().render(ReferenceSerializer(rows, many=True).data))


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_cards_as_the_template_tag_was(varied, language):
    url = row_url("katalog:detail")
    innovations = list(public_innovations())
    for innovation in innovations:
        innovation.url = url(innovation.code)
    rows = list(public_innovations().values(*CARD_VALUES))
    for row in rows:
        row["url"] = url(row["code"])

    with translation.override(language):
        html = catalogue_cards(rows)
        expected = reference_cards(innovations)

    assert html == expected
    assert hasattr(html, "__html__")
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "satu",
        " ".join(["kata"] * 30),
        " ".join(["kata"] * 31),
        " ".join(["w"] * 29 + ["…", "x"]),
        " ".join(["w"] * 29 + ["a …", "x"]),
        "baris\nbaru\r\n\ttab  spasi\u00a0nbsp " * 8,
    ],
)
def test_first_words_as_truncatewords(text):
    from django.template.defaultfilters import truncatewords

    from innovations.templatetags.catalogue import _first_words

    assert _first_words(text) == truncatewords(text, 30)
