"""The units, agreements and rows a process keeps (agreements.compliance_kept): reused while
nothing changed, never served after a unit or an agreement changes, however it was written."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from accounts import services as account_services
from accounts.enums import UnitKind
from accounts.models import Unit
from agreements import compliance_kept, services
from agreements.compliance import COUNTS_TIMEOUT, compliance_rows, compliance_totals
from agreements.enums import AgreementStatus
from agreements.models import Agreement, ComplianceVersion
from innovations.enums import Status
from innovations.models import Innovation
from tests.factories import CycleFactory, UnitFactory

from .factories import AgreementFactory, InnovationFactory

DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def read(cycle, **filters):
    """(rows by unit code, the SQL run) of a region-wide read."""
    with CaptureQueriesContext(connection) as queries:
        rows = compliance_rows(cycle, **filters)
        by_code = {row.unit: row for row in rows}
    return by_code, [query["sql"] for query in queries.captured_queries]


def reads_units(sql):
    return any('FROM "accounts_unit"' in statement for statement in sql)


def test_a_second_read_reads_only_the_token(cycle, unit):
    AgreementFactory(unit=unit, cycle=cycle, status=AgreementStatus.SIGNED)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    first, first_sql = read(cycle)

    again, again_sql = read(cycle)

    assert reads_units(first_sql) and not reads_units(again_sql)
    assert len(again_sql) == 1 and "agreements_complianceversion" in again_sql[0]
    assert again == first
    assert again[unit.code].approved == 1


def test_a_first_read_runs_no_more_queries_than_units_and_agreements_did(cycle, unit):
    """Units joined with the agreements: the token's query takes the agreements' place."""
    _rows, sql = read(cycle)

    assert len(sql) == 3  # token, units with agreements, counts
    assert sum('FROM "accounts_unit"' in statement for statement in sql) == 1


def test_unit_staff_read_their_unit_without_the_token(cycle, unit, operator):
    AgreementFactory(unit=unit, cycle=cycle, committed_count=2)
    with CaptureQueriesContext(connection) as queries:
        rows = compliance_rows(cycle, user=operator)

    assert [row.unit for row in rows] == [unit.code]
    assert rows[0].committed == 2
    assert len(queries) == 2  # the unit with its agreement, its counts


def test_a_renamed_unit_shows_on_the_next_read(cycle, unit):
    read(cycle)

    account_services.unit_update(unit=unit, name="Dinas Baru")

    assert read(cycle)[0][unit.code].unit_name == "Dinas Baru"


@pytest.mark.parametrize(
    ("column", "value", "field"),
    [
        ("name", "Nama Lain", "unit_name"),
        ("kind", UnitKind.KECAMATAN, "unit_kind"),
        ("active", False, "unit_active"),
    ],
)
def test_a_bulk_update_of_units_shows_on_the_next_read(cycle, unit, column, value, field):
    """Queryset updates send no model signal; the trigger sees them."""
    InnovationFactory(cycle=cycle, unit=unit)  # keeps the unit listed once retired
    read(cycle)

    Unit.objects.filter(pk=unit.pk).update(**{column: value})

    assert getattr(read(cycle)[0][unit.code], field) == value


def test_a_recoded_unit_shows_under_its_new_code(cycle, unit):
    read(cycle)

    Unit.objects.filter(pk=unit.pk).update(code="KODE-BARU")

    rows = read(cycle)[0]
    assert "KODE-BARU" in rows and unit.code not in rows


def test_units_created_in_bulk_and_deleted_show_on_the_next_read(cycle, unit):
    read(cycle)

    Unit.objects.bulk_create([Unit(code="BULK-1", name="Unit Massal", kind=UnitKind.DESA)])
    assert "BULK-1" in read(cycle)[0]

    Unit.objects.filter(code="BULK-1").delete()
    assert "BULK-1" not in read(cycle)[0]


def test_a_unit_column_the_table_does_not_show_keeps_the_token(cycle, unit):
    before = compliance_kept.current_token()

    Unit.objects.filter(pk=unit.pk).update(head_name="Kepala Baru")

    assert compliance_kept.current_token() == before
    Unit.objects.filter(pk=unit.pk).update(name="Nama Baru")
    assert compliance_kept.current_token() != before


def test_agreement_writes_show_on_the_next_read(cycle, unit, head):
    assert read(cycle)[0][unit.code].agreement_id is None

    agreement = AgreementFactory(unit=unit, cycle=cycle, committed_count=2)
    row = read(cycle)[0][unit.code]
    assert (row.agreement_id, row.agreement_status) == (agreement.pk, AgreementStatus.DRAFT)

    services.agreement_sign(agreement=agreement, by=head)
    assert read(cycle)[0][unit.code].agreement_status == AgreementStatus.SIGNED

    Agreement.objects.filter(pk=agreement.pk).update(committed_count=5)
    assert read(cycle)[0][unit.code].committed == 5

    Agreement.objects.filter(pk=agreement.pk).delete()
    assert read(cycle)[0][unit.code].agreement_id is None


def test_each_cycle_keeps_its_own_agreements(cycle, unit):
    other = CycleFactory(year=2026, min_innovations_per_unit=1)
    AgreementFactory(unit=unit, cycle=other, committed_count=3)

    assert read(cycle)[0][unit.code].agreement_id is None
    assert read(other)[0][unit.code].committed == 3
    assert read(cycle)[0][unit.code].agreement_id is None


def test_filters_and_totals_follow_a_change(cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    signed = read(cycle, agreement_status=AgreementStatus.SIGNED)[0]
    totals = compliance_totals(compliance_rows(cycle))
    assert unit.code not in signed

    AgreementFactory(unit=unit, cycle=cycle, status=AgreementStatus.SIGNED)

    assert unit.code in read(cycle, agreement_status=AgreementStatus.SIGNED)[0]
    after = compliance_totals(compliance_rows(cycle))
    assert after["signed"] == totals["signed"] + 1


def test_a_rolled_back_write_leaves_the_rows_as_they_were(cycle, unit):
    name = unit.name
    read(cycle)

    with pytest.raises(RuntimeError), transaction.atomic():
        account_services.unit_update(unit=unit, name="Dibatalkan")
        assert read(cycle)[0][unit.code].unit_name == "Dibatalkan"
        raise RuntimeError

    assert read(cycle)[0][unit.code].unit_name == name


def test_without_a_token_nothing_is_kept(cycle, unit):
    """A flushed database has no version row (SQLite never has one): every read reads."""
    ComplianceVersion.objects.all().delete()
    assert compliance_kept.current_token() is None
    read(cycle)

    rows, sql = read(cycle)

    assert reads_units(sql)
    assert unit.code in rows


def test_the_first_unit_write_after_a_flush_brings_the_token_back(cycle, unit):
    ComplianceVersion.objects.all().delete()

    account_services.unit_update(unit=unit, name="Kembali")

    assert compliance_kept.current_token() is not None


def test_kept_rows_end_with_the_counts_backstop(cycle, unit, during_cycle):
    """An innovation write that bypasses the signals shows within COUNTS_TIMEOUT, as before."""
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    read(cycle)
    Innovation.objects.filter(unit=unit).update(status=Status.APPROVED)
    assert read(cycle)[0][unit.code].approved == 0  # kept: no signal, no new version

    during_cycle.shift(COUNTS_TIMEOUT + 1)

    assert read(cycle)[0][unit.code].approved == 1


@override_settings(CACHES=DUMMY_CACHE)
def test_no_rows_are_kept_while_the_counts_have_no_version(cycle, unit):
    """A cache that keeps nothing (Redis down): every read counts, none is kept."""
    read(cycle)
    InnovationFactory(cycle=cycle, unit=unit, status=Status.SUBMITTED)
    Innovation.objects.filter(unit=unit).update(status=Status.APPROVED)

    assert read(cycle)[0][unit.code].approved == 1


def test_an_export_after_a_rename_shows_the_new_name(api_as, curator, cycle, unit):
    client = api_as(curator)
    url = f"/api/v1/reports/compliance/{cycle.year}/export/?format=csv"
    assert unit.name in client.get(url).getvalue().decode("utf-8-sig")

    account_services.unit_update(unit=unit, name="Dinas Sesudah Ekspor")

    assert "Dinas Sesudah Ekspor" in client.get(url).getvalue().decode("utf-8-sig")


def _committed(work):
    """`work` on this thread's own connection, closed afterwards."""
    try:
        work()
    finally:
        connections.close_all()


def _in_other_connection(work):
    """Run `work` in a thread of its own (its own database connection) and wait for it."""
    thread = threading.Thread(target=_committed, args=(work,))
    thread.start()
    thread.join()


@pytest.mark.django_db(transaction=True)
def test_a_rename_committed_elsewhere_shows_on_the_next_read():
    cycle = CycleFactory(year=2025, min_innovations_per_unit=1)
    unit = UnitFactory(name="Dinas Lama")
    assert read(cycle)[0][unit.code].unit_name == "Dinas Lama"

    _in_other_connection(lambda: account_services.unit_update(unit=unit, name="Dinas Baru"))

    assert read(cycle)[0][unit.code].unit_name == "Dinas Baru"


@pytest.mark.django_db(transaction=True)
def test_rows_read_while_a_rename_is_in_flight_are_not_served_after_its_commit():
    """Another connection renames a unit and holds its transaction open: reads see the old
    name (and keep it); once it commits, its token makes the next read read again."""
    cycle = CycleFactory(year=2025, min_innovations_per_unit=1)
    unit = UnitFactory(name="Dinas Lama")
    renamed, commit = threading.Event(), threading.Event()

    def rename():
        with transaction.atomic():
            Unit.objects.filter(pk=unit.pk).update(name="Dinas Baru")
            renamed.set()
            commit.wait(10)

    thread = threading.Thread(target=_committed, args=(rename,))
    thread.start()
    try:
        assert renamed.wait(10)
        assert read(cycle)[0][unit.code].unit_name == "Dinas Lama"
        assert read(cycle)[0][unit.code].unit_name == "Dinas Lama"  # now from what was kept
    finally:
        commit.set()
        thread.join()

    assert read(cycle)[0][unit.code].unit_name == "Dinas Baru"
