"""Similar innovations (issue 16): on a constructed set the near-duplicate ranks first and an
unrelated innovation is not listed; the lookup is one query, on PostgreSQL through pg_trgm."""

import pytest
from django.db import connection

from innovations.models import Innovation
from innovations.similarity import annotate_has_similar, similar_to
from tests.factories import UnitFactory

from .factories import InnovationFactory, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def constructed(cycle, unit):
    other_unit = UnitFactory()
    last_year = open_cycle(year=cycle.year - 1)
    # Curators see what reached them (drafts are the units' own): submitted and decided ones.
    subject = InnovationFactory(
        status="submitted",
        cycle=cycle,
        unit=unit,
        title="Sistem Antrean Online Puskesmas Martapura",
        summary="Warga mengambil nomor antrean puskesmas dari rumah lewat ponsel.",
    )
    duplicate = InnovationFactory(
        status="approved",
        cycle=last_year,
        unit=other_unit,
        title="Sistem Antrean Online Puskesmas Martapura Barat",
        summary="Warga mengambil nomor antrean puskesmas dari rumah melalui ponsel.",
    )
    related = InnovationFactory(
        status="submitted",
        cycle=cycle,
        unit=other_unit,
        title="Antrean Online Kantor Kecamatan",
        summary="Nomor antrean kantor kecamatan diambil lewat aplikasi.",
    )
    unrelated = InnovationFactory(
        status="submitted",
        cycle=cycle,
        unit=other_unit,
        title="Bank Sampah Desa Sungai Tabuk",
        summary="Sampah rumah tangga ditukar dengan tabungan emas.",
    )
    return subject, duplicate, related, unrelated


def test_near_duplicate_first_unrelated_not_listed(constructed, curator):
    subject, duplicate, related, unrelated = constructed

    found = similar_to(subject, user=curator)

    assert found[0] == duplicate
    assert unrelated not in found
    assert subject not in found
    assert 0 < found[-1].similarity <= found[0].similarity <= 1
    if related in found:
        assert found.index(related) > 0


def test_lookup_is_one_query(constructed, curator, django_assert_num_queries):
    subject = constructed[0]

    with django_assert_num_queries(1):
        similar_to(subject, user=curator)


def test_a_unit_sees_only_what_it_may(constructed, other_operator, cycle):
    subject, duplicate, related, unrelated = constructed
    own = InnovationFactory(
        cycle=cycle,
        unit=other_operator.unit,
        title="Sistem Antrean Online Puskesmas Gambut",
        summary="Nomor antrean puskesmas lewat ponsel.",
    )

    found = similar_to(subject, user=other_operator)

    assert own in found
    assert duplicate not in found  # another unit's innovation is not the unit's to see


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")
def test_the_trigram_index_exists():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'innovation_title_trgm'")
        (definition,) = cursor.fetchone()
    assert "gist_trgm_ops (siglen='64')" in definition


def test_has_similar_flag(constructed):
    subject, duplicate, related, unrelated = constructed

    flags = dict(annotate_has_similar(Innovation.objects.all()).values_list("pk", "has_similar"))

    assert flags[subject.pk] and flags[duplicate.pk]
    assert not flags[unrelated.pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm")
def test_has_similar_probe_reads_the_trigram_index(constructed):
    """An ordered probe lets the planner walk another index and test `%` row by row (1.6 s for
    a queue page at 100,000 innovations); unordered, it stops at the first GiST match."""
    query = annotate_has_similar(Innovation.objects.order_by("id")).values("has_similar")[:50]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        # As on a large table: reading every row, or sorting them, costs more than an index.
        for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "innovation_title_trgm" in plan
    assert "Sort" not in plan  # an ordered probe sorts its matches (or walks another index)
