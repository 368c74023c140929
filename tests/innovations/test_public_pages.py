"""The public catalogue's plain requests (innovations/public_pages.py) answer exactly what the
ORM's path answers: the API's list, the catalogue page and an innovation's page, compared as
whole responses (status, body, headers) over pages, sizes, orders, both languages and empty
results; anything filtered still takes the ORM's path; writes show at once."""

import datetime
import difflib

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from innovations import public_api, public_pages, public_records, public_views
from innovations.enums import HelixActor, Status
from innovations.models import Cycle, Innovation, Partner
from innovations.public_api import public_innovations, with_people
from tests.factories import CycleFactory, UnitFactory
from tests.innovations.factories import InnovationFactory, InnovatorFactory, PartnerFactory
from tests.per_request import masked

pytestmark = pytest.mark.django_db

API = "/api/v1/public/innovations/"
HTML = "<b>\"Tanda\"</b> & 'kutip'"


@pytest.fixture
def catalogue(db):
    """27 launched innovations over two years (more than a page of cards), with and without a
    unit, people, dates, demo and archive rows; and entries that are not public."""
    old, new = CycleFactory(year=2023), CycleFactory(year=2024)
    unit = UnitFactory(name=f"Dinas {HTML}")
    rows = []
    for number in range(27):
        rows.append(
            InnovationFactory(
                cycle=new if number % 3 else old,
                unit=None if number % 5 == 0 else unit,
                status=Status.LAUNCHED,
                title=f"Inovasi {number:02d} {HTML}",
                summary=" ".join(["kata"] * (number * 3)),
                is_demo=number % 4 == 0,
                import_key=f"arsip-{number}" if number % 7 == 0 else None,
                trial_date=datetime.date(2023, 1, 1 + number) if number % 2 else None,
                form="" if number % 6 == 0 else "digital",
            )
        )
    for number, innovation in enumerate(rows[:6]):
        for position in range(number):
            InnovatorFactory(
                innovation=innovation, name=f"Inovator {position}", position=9 - position
            )
            PartnerFactory(
                innovation=innovation, name=f"Mitra {HTML}", role=HTML if position else ""
            )
    InnovationFactory(cycle=new, status=Status.APPROVED, title="Belum diluncurkan")
    return rows


def _answer(response):
    headers = {name: masked(value) for name, value in response.headers.items()}
    return response.status_code, headers, masked(response.content)


def _both(client, url, language, monkeypatch, orm_path):
    """(the answer of the plain path, the ORM path's); the plain path never runs more queries."""
    client.cookies["django_language"] = language
    client.get(url)  # the count cached, plans compiled
    with CaptureQueriesContext(connection) as plain_queries:
        plain = _answer(client.get(url))
    with monkeypatch.context() as patch:
        orm_path(patch)
        with CaptureQueriesContext(connection) as orm_queries:
            orm = _answer(client.get(url))
    # The ORM's path counts the rows (1 query more) where the plain path reads the cache.
    assert len(plain_queries) <= len(orm_queries)
    if plain != orm:  # what differs, for the failure's report
        print(url, plain[0], orm[0], plain[1] == orm[1])
        a, b = plain[2].decode().splitlines(), orm[2].decode().splitlines()
        print("\n".join(list(difflib.unified_diff(a, b, lineterm="", n=0))[:30]))
    return plain, orm


def _prepared(read):
    """Whether `read` (a `PreparedRows` or `PreparedGet`) answered from compiled plans."""
    return bool(read._plans) and public_pages.NOT_PREPARED not in read._plans.values()


def _api_by_orm(patch):
    patch.setattr(public_api, "api_rows", lambda params, fallback: None)


API_QUERIES = [
    "",
    "page=2",
    "page=3",
    "page=4",
    "page=9999",
    "page=abc",
    "page=0",
    "page_size=5",
    "page_size=5&page=6",
    "page_size=200",
    "page_size=0",
    "page_size=abc",
    "page_size=10&page=3",
    "ordering=title",
    "ordering=-title",
    "ordering=code&page_size=4&page=2",
    "ordering=-code&page=2&page_size=10",
]


@pytest.mark.parametrize("language", ["id", "en"])
def test_api_plain_pages_equal_the_orm(catalogue, language, monkeypatch):
    client = APIClient()
    for query in API_QUERIES:
        url = f"{API}?{query}"
        plain, orm = _both(client, url, language, monkeypatch, _api_by_orm)
        assert plain == orm, url
    assert _prepared(public_pages._API_ROWS)
    assert _prepared(public_records._INNOVATORS) and _prepared(public_records._PARTNERS)


def test_api_plain_path_is_taken_only_when_nothing_is_filtered():
    def params(query):
        return RequestFactory().get(f"/x/?{query}").GET

    for query in ("", "page=2", "page_size=7", "ordering=-code", "ordering=title&page=3"):
        assert public_pages.api_rows(params(query), list) is not None, query
    for query in (
        "search=x",
        "search=",
        "year=2024",
        "ordering=",
        "ordering=bogus",
        "ordering=title,code",
        "ordering=-year",
        "format=json",
        "foo=1",
    ):
        assert public_pages.api_rows(params(query), list) is None, query


def test_api_people_in_their_order(catalogue):
    body = APIClient().get(f"{API}?page_size=200").json()
    people = {row["title"]: row["innovators"] for row in body["results"]}
    assert people[f"Inovasi 03 {HTML}"] == [
        {"name": "Inovator 2"},
        {"name": "Inovator 1"},
        {"name": "Inovator 0"},
    ]
    assert body["count"] == 27


def _html_by_orm(patch):
    # Nothing counts as unfiltered: the filter set's rows, counted, and its bar drawn.
    patch.setattr(public_views, "known_count", lambda params, filterset_class: None)


HTML_QUERIES = ["", "page=2", "page=9999", "page=abc", "search=", "year=&form=", "ordering=x"]


@pytest.mark.parametrize("language", ["id", "en"])
def test_catalogue_plain_pages_equal_the_orm(client, catalogue, language, monkeypatch):
    for query in HTML_QUERIES:
        url = f"/katalog/?{query}"
        plain, orm = _both(client, url, language, monkeypatch, _html_by_orm)
        assert plain == orm, url
        assert plain[0] == 200
    assert _prepared(public_pages._CARD_ROWS)


def test_catalogue_filtered_pages_take_the_orm_path(client, catalogue, monkeypatch):
    def refused(fallback):
        raise AssertionError("a filtered page took the plain path")

    monkeypatch.setattr(public_views, "card_rows", refused)
    for query in ("search=Inovasi 01", "year=2023", "year=abc", "form=digital", "search=%20"):
        assert client.get(f"/katalog/?{query}").status_code in (200, 400)


def test_catalogue_bar_follows_the_years_and_the_language(client, catalogue):
    """The kept bar is keyed by the years read at each request: a cycle added or removed
    (through the model or not) shows at once."""
    client.cookies["django_language"] = "en"
    first = client.get("/katalog/").content.decode()
    assert '<option value="2025">' not in first and "All years" in first
    CycleFactory(year=2025)
    again = client.get("/katalog/").content.decode()
    assert '<option value="2025">2025</option>' in again
    Cycle.objects.filter(year=2025).delete()
    assert '<option value="2025">' not in client.get("/katalog/").content.decode()
    cycle = CycleFactory.build(year=2026)
    Cycle.objects.bulk_create([cycle])
    assert '<option value="2026">2026</option>' in client.get("/katalog/").content.decode()
    client.cookies["django_language"] = "id"
    assert "Semua tahun" in client.get("/katalog/").content.decode()


def test_plain_pages_show_writes_at_once(client, catalogue):
    """Only SQL is compiled once: rows, people and counts are read at each request."""
    api = APIClient()
    assert api.get(API).json()["count"] == 27
    first = catalogue[1]
    Partner.objects.create(innovation=first, actor=HelixActor.AKADEMISI, name="Mitra Baru")
    InnovationFactory(cycle=first.cycle, status=Status.LAUNCHED, title="Inovasi 99 Baru")
    body = api.get(f"{API}?page_size=200").json()
    assert body["count"] == 28
    assert any(p["name"] == "Mitra Baru" for row in body["results"] for p in row["partners"])
    Innovation.objects.filter(pk=first.pk).update(title="Judul Diubah")
    assert "Judul Diubah" in client.get("/katalog/?page=2").content.decode() + (
        client.get("/katalog/").content.decode()
    )
    assert "Mitra Baru" in client.get(f"/katalog/{first.code}/").content.decode()


def _detail_by_orm(patch):
    def orm(code):
        innovation = public_innovations().filter(code=code).first()
        return None if innovation is None else with_people([innovation])[0]

    patch.setattr(public_views, "public_innovation", orm)


@pytest.mark.parametrize("language", ["id", "en"])
def test_detail_equals_the_orm(client, catalogue, language, monkeypatch):
    hidden = Innovation.objects.exclude(status=Status.LAUNCHED).first()
    codes = [row.code for row in catalogue[:8]] + [hidden.code, "INV-0000-0000", "inv-x"]
    for code in codes:
        url = f"/katalog/{code}/"
        plain, orm = _both(client, url, language, monkeypatch, _detail_by_orm)
        assert plain == orm, url
    assert plain[0] == 404
    assert _prepared(public_pages._BY_CODE)


def test_detail_of_a_text_code_the_orm_path_reads(catalogue, monkeypatch):
    """What the prepared read declines (NOT_PREPARED) the ORM answers, with the same people."""
    code = catalogue[3].code
    monkeypatch.setattr(public_pages._BY_CODE, "get", lambda **values: public_pages.NOT_PREPARED)
    innovation = public_pages.public_innovation(code)
    assert innovation.code == code
    assert [p.name for p in innovation.public_innovators] == [
        "Inovator 2",
        "Inovator 1",
        "Inovator 0",
    ]
    assert public_pages.public_innovation("NOPE") is None


@pytest.fixture
def across_years(db):
    """An innovation over four years (one not launched, a second child of the same year) and
    replications of both kinds, on different dates."""
    from portfolio.enums import AdopterKind
    from tests.portfolio.factories import LaunchedFactory, ReplicationFactory

    unit, adopter = UnitFactory(), UnitFactory(name=f"Puskesmas {HTML}")
    entries = [LaunchedFactory(unit=unit, cycle=CycleFactory(year=2022))]
    for year, status in ((2023, Status.APPROVED), (2024, Status.LAUNCHED), (2025, Status.LAUNCHED)):
        entries.append(
            LaunchedFactory(
                unit=unit, cycle=CycleFactory(year=year), predecessor=entries[-1], status=status
            )
        )
    entries.append(LaunchedFactory(unit=unit, cycle=entries[-1].cycle, predecessor=entries[2]))
    middle = entries[2]
    ReplicationFactory(innovation=middle, region_name=f"Kabupaten {HTML}", region_code="63.05")
    ReplicationFactory(
        innovation=middle,
        region_name="Kota",
        region_code="63.71",
        replicated_on=datetime.date(2025, 1, 2),
    )
    ReplicationFactory(
        innovation=middle,
        adopter_kind=AdopterKind.UNIT,
        adopter_unit=adopter,
        region_name="",
        region_code="",
        replicated_on=datetime.date(2025, 1, 2),
    )
    return entries


def _portfolio_by_orm(patch):
    """The lineage's steps and the replications as the ORM read them before."""
    from innovations import lineage
    from portfolio.models import Replication
    from portfolio.templatetags import portfolio

    patch.setattr(lineage, "_entry", lambda pk: lineage._entries().filter(pk=pk).first())
    patch.setattr(
        lineage,
        "_children",
        lambda ids: list(lineage._entries().filter(predecessor_id__in=ids).order_by("year", "id")),
    )
    patch.setattr(
        portfolio,
        "public_replications",
        lambda innovation: list(
            Replication.objects.filter(innovation=innovation)
            .select_related("adopter_unit")
            .order_by("replicated_on", "id")
        ),
    )


@pytest.mark.parametrize("language", ["id", "en"])
def test_detail_years_and_replications_equal_the_orm(client, across_years, language, monkeypatch):
    for entry in across_years:
        url = f"/katalog/{entry.code}/"
        plain, orm = _both(client, url, language, monkeypatch, _portfolio_by_orm)
        assert plain == orm, url
    page = plain[2].decode() if plain[0] == 200 else ""
    assert (
        "data-years" in page
        and "Kota" in client.get(f"/katalog/{across_years[2].code}/").content.decode()
    )


def test_lineage_steps_are_the_orm_instances(across_years):
    from innovations import lineage

    def fields(entries):
        return [
            {name: value for name, value in vars(entry).items() if name != "_state"}
            for entry in entries
        ]

    for entry in across_years:
        expected = list(lineage._entries().filter(predecessor_id=entry.pk).order_by("year", "id"))
        assert fields(lineage._children([entry.pk])) == fields(expected)
        assert fields([lineage._entry(entry.pk)]) == fields([lineage._entries().get(pk=entry.pk)])
    assert lineage._entry(0) is None
    ids = [entry.pk for entry in across_years]
    assert fields(lineage._children(ids)) == fields(
        lineage._entries().filter(predecessor_id__in=ids).order_by("year", "id")
    )
