"""Each innovation's launch report row, kept by PostgreSQL triggers whoever writes."""

import json
import threading
import time

import pytest
from django.db import connection, transaction

from accounts.enums import REGION_ROLES, Role
from accounts.models import Unit
from innovations.enums import Status
from innovations.models import Innovation, Innovator
from reports import launch, launch_json
from reports.models import LaunchRow
from tests.factories import CycleFactory, UnitFactory, UserFactory
from tests.innovations.factories import (
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
)

pytestmark = pytest.mark.django_db


def kept(innovation):
    row = LaunchRow.objects.get(innovation_id=innovation.pk)
    return {
        "row": json.loads(row.body),
        "columns": (row.cycle_id, row.status, row.source_category, row.unit_name, row.code),
        "counted": (row.unit_id, row.origin, row.form, row.maturity, row.lab_stage),
    }


def expected(innovation):
    """The row as `launch.report_body` writes it, read from the records afresh."""
    i = Innovation.objects.select_related("unit").get(pk=innovation.pk)
    unit = i.unit
    names = list(Innovator.objects.filter(innovation=i).order_by("position", "id"))
    return {
        "row": dict(
            zip(
                launch.ROW_KEYS,
                (
                    i.pk,
                    i.code,
                    i.title,
                    unit and unit.code,
                    unit and unit.name,
                    i.source_category,
                    [n.name for n in names],
                    i.origin,
                    i.form,
                    i.maturity,
                    i.lab_stage,
                    i.status,
                ),
                strict=True,
            )
        ),
        "columns": (i.cycle_id, i.status, i.source_category, unit and unit.name, i.code),
        "counted": (i.unit_id, i.origin, i.form, i.maturity, i.lab_stage),
    }


def version(innovation):
    """The row version's place in the table: every UPDATE writes a new one, even unchanged."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ctid::text FROM reports_launchrow WHERE innovation_id = %s", [innovation.pk]
        )
        return cursor.fetchone()[0]


def test_rows_follow_every_write_to_the_innovation_its_unit_and_its_innovators():
    innovation = InnovationFactory(title="Awal")
    assert kept(innovation) == expected(innovation)
    steps = [
        lambda: Innovation.objects.filter(pk=innovation.pk).update(title='Judul "baru" \\ é'),
        lambda: Innovation.objects.filter(pk=innovation.pk).update(status=Status.LAUNCHED),
        lambda: Innovation.objects.filter(pk=innovation.pk).update(origin="", lab_stage="deliver"),
        lambda: Innovation.objects.filter(pk=innovation.pk).update(cycle=CycleFactory(year=2031)),
        lambda: Innovation.objects.filter(pk=innovation.pk).update(unit=UnitFactory()),
        lambda: InnovatorFactory(innovation=innovation, name="Siti", position=1),
        lambda: InnovatorFactory(innovation=innovation, name="Ahmad", position=0),
        lambda: Innovator.objects.filter(innovation=innovation, name="Siti").update(name="Sari"),
        lambda: Innovator.objects.filter(innovation=innovation, name="Ahmad").delete(),
        lambda: Unit.objects.filter(innovations=innovation).update(name="Dinas Berganti Nama"),
        lambda: Unit.objects.filter(innovations=innovation).update(code="DINAS-BARU"),
    ]
    for step in steps:
        step()
        assert kept(innovation) == expected(innovation)
    assert kept(innovation)["row"]["innovators"] == ["Sari"]
    assert kept(innovation)["row"]["unit"] == "DINAS-BARU"


def test_a_community_innovation_has_no_unit_in_its_row():
    innovation = CommunityInnovationFactory()
    assert kept(innovation) == expected(innovation)
    assert kept(innovation)["row"]["unit"] is None


def test_a_change_the_report_does_not_show_leaves_the_row_alone():
    innovation = InnovationFactory()
    unit = innovation.unit
    before = version(innovation)
    Innovation.objects.filter(pk=innovation.pk).update(summary="Ringkasan lain", budget=1)
    Unit.objects.filter(pk=unit.pk).update(head_name="Kepala Baru")
    assert version(innovation) == before
    Innovation.objects.filter(pk=innovation.pk).update(title="Berubah")
    assert version(innovation) != before


def test_bulk_writes_refresh_every_row_they_touch():
    innovations = InnovationFactory.create_batch(3)
    Innovation.objects.filter(pk__in=[i.pk for i in innovations]).update(status=Status.APPROVED)
    Innovator.objects.bulk_create(
        [Innovator(innovation=i, name=f"Nama {n}", position=0) for n, i in enumerate(innovations)]
    )
    for innovation in innovations:
        assert kept(innovation) == expected(innovation)


def test_the_row_goes_with_its_innovation():
    innovation = InnovationFactory()
    InnovatorFactory(innovation=innovation)
    pk = innovation.pk
    innovation.delete()
    assert not LaunchRow.objects.filter(innovation_id=pk).exists()


def test_the_refresh_function_rebuilds_every_row():
    """The migration fills the table for what exists with the same function."""
    innovations = [InnovationFactory(), CommunityInnovationFactory()]
    InnovatorFactory(innovation=innovations[0], name="Ani")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_launchrow")
        cursor.execute(
            "SELECT reports_refresh_launch_rows(ARRAY(SELECT id FROM innovations_innovation))"
        )
    for innovation in innovations:
        assert kept(innovation) == expected(innovation)


@pytest.mark.parametrize("role", sorted(REGION_ROLES))
def test_region_viewers_see_every_reported_innovation(role):
    """The kept rows are read without `visible_to`: it hides nothing reported from them."""
    cycle = CycleFactory(year=2025)
    someone = UserFactory(role=Role.CURATOR)
    for status in (Status.LAUNCHED, Status.APPROVED, Status.DRAFT, Status.REJECTED):
        InnovationFactory(cycle=cycle, status=status)
        CommunityInnovationFactory(cycle=cycle, status=status, created_by=someone)
    user = UserFactory(role=role)
    assert launch_json.available(user)
    for approved in (False, True):
        reported = Innovation.objects.filter(
            cycle=cycle, status__in=launch.report_statuses(approved)
        )
        visible = launch.report_queryset(cycle=cycle, user=user, include_approved=approved)
        assert set(visible.values_list("pk", flat=True)) == set(
            reported.values_list("pk", flat=True)
        )
        body = json.loads(
            launch_json.report_json(cycle=cycle, user=user, include_approved=approved)
        )
        assert {row["id"] for row in body["innovations"]} == set(
            reported.values_list("pk", flat=True)
        )


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.HEAD])
def test_unit_staff_are_not_served_from_the_kept_rows(role):
    assert not launch_json.available(UserFactory(role=role))


@pytest.mark.django_db(transaction=True)
def test_a_unit_renamed_while_its_innovation_changes_keeps_both_changes():
    """The rename's refresh waits for the innovation's row lock and then reads the committed
    title: without the lock it would write the title it saw before the other commit."""
    innovation = InnovationFactory(title="Lama")
    unit_id = innovation.unit_id
    title_written = threading.Event()
    errors = []

    def retitle():
        try:
            with transaction.atomic():
                Innovation.objects.filter(pk=innovation.pk).update(title="Baru")
                title_written.set()
                time.sleep(0.5)  # the rename runs while this transaction is open
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    def rename():
        try:
            title_written.wait(5)
            with transaction.atomic():
                Unit.objects.filter(pk=unit_id).update(name="Nama Baru")
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=retitle), threading.Thread(target=rename)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert errors == []
    row = kept(innovation)["row"]
    assert (row["title"], row["unit_name"]) == ("Baru", "Nama Baru")
