import csv
import io

import openpyxl
import pytest
from django.test import override_settings

from innovations.enums import Status
from reports.models import ExportJob
from tests.innovations.factories import InnovationFactory, InnovatorFactory

pytestmark = pytest.mark.django_db


def read_csv(response):
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def test_innovation_export_operator_sees_only_own_unit(api_as, operator, unit, other_unit):
    mine = InnovationFactory(unit=unit)
    InnovationFactory(unit=other_unit, status=Status.SUBMITTED)
    rows = read_csv(api_as(operator).get("/api/v1/innovations/export/?format=csv"))
    assert [row[0] for row in rows[1:]] == [mine.code]


def test_innovation_export_curator_never_gets_drafts(api_as, curator, unit):
    InnovationFactory(unit=unit, status=Status.DRAFT)
    submitted = InnovationFactory(unit=unit, status=Status.SUBMITTED)
    rows = read_csv(api_as(curator).get("/api/v1/innovations/export/?format=csv"))
    assert [row[0] for row in rows[1:]] == [submitted.code]


def test_innovation_export_applies_list_filters(api_as, admin_user, unit):
    InnovationFactory(unit=unit, status=Status.SUBMITTED, title="Alpha")
    beta = InnovationFactory(unit=unit, status=Status.APPROVED, title="Beta")
    rows = read_csv(
        api_as(admin_user).get("/api/v1/innovations/export/?format=csv&status=approved")
    )
    assert [row[0] for row in rows[1:]] == [beta.code]
    rows = read_csv(api_as(admin_user).get("/api/v1/innovations/export/?format=csv&search=alph"))
    assert len(rows) == 2 and rows[1][2] == "Alpha"


@pytest.mark.parametrize("title", ['=HYPERLINK("http://x")', "+1+1", "-2", "@SUM(A1)"])
def test_innovation_export_csv_neutralises_formulas(api_as, admin_user, unit, title):
    InnovationFactory(unit=unit, status=Status.SUBMITTED, title=title)
    rows = read_csv(api_as(admin_user).get("/api/v1/innovations/export/?format=csv"))
    assert rows[1][2] == "'" + title


def test_innovation_export_xlsx_typed_cells(api_as, admin_user, unit):
    InnovationFactory(unit=unit, status=Status.SUBMITTED, budget=1_250_000, title="=1+1")
    response = api_as(admin_user).get("/api/v1/innovations/export/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[2]]  # row 1 is the title
    row = dict(zip(header, [cell for cell in sheet[3]], strict=True))
    budget_cell = next(cell for name, cell in row.items() if "Rp" in name)
    assert budget_cell.value == 1_250_000 and budget_cell.data_type == "n"
    title_cell = sheet.cell(row=3, column=3)
    assert title_cell.value == "=1+1" and title_cell.data_type == "s"  # text, never a formula
    assert sheet.freeze_panes == "B3"


@pytest.mark.parametrize("count", [1, 10])
def test_innovation_export_query_count_constant(
    api_as, admin_user, unit, count, django_assert_num_queries
):
    for innovation in InnovationFactory.create_batch(count, unit=unit, status=Status.SUBMITTED):
        InnovatorFactory(innovation=innovation)
    client = api_as(admin_user)
    # count, rows with their innovators' names
    with django_assert_num_queries(2):
        response = client.get("/api/v1/innovations/export/?format=csv")
        rows = read_csv(response)
    assert len(rows) == count + 1


@override_settings(EXPORT_SYNC_MAX_ROWS=2)
def test_large_export_runs_as_job_with_progress(
    api_as, admin_user, unit, django_capture_on_commit_callbacks
):
    InnovationFactory.create_batch(3, unit=unit, status=Status.SUBMITTED)
    client = api_as(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/innovations/export/?format=xlsx")
    assert response.status_code == 202
    job = ExportJob.objects.get(token=response.json()["token"])
    assert job.status == ExportJob.Status.DONE and job.rows_total == 3 and job.progress == 100
    status = client.get(f"/api/v1/reports/exports/{job.token}/").json()
    assert status["download_url"].endswith("/download/")


def test_export_job_belongs_to_its_user(api_as, client, admin_user, curator):
    job = ExportJob.objects.create(user=admin_user, kind="innovations", format="csv")
    assert api_as(curator).get(f"/api/v1/reports/exports/{job.token}/").status_code == 404
    client.force_login(curator)
    assert client.get(f"/reports/exports/{job.token}/").status_code == 404


def test_export_job_page_polls_until_done(client, admin_user):
    job = ExportJob.objects.create(
        user=admin_user,
        kind="innovations",
        format="csv",
        status=ExportJob.Status.RUNNING,
        rows_total=10,
        rows_done=5,
    )
    client.force_login(admin_user)
    response = client.get(f"/reports/exports/{job.token}/")
    assert b'hx-trigger="every 2s"' in response.content
    assert b'value="50"' in response.content
    fragment = client.get(f"/reports/exports/{job.token}/", HTTP_HX_REQUEST="true")
    assert b"<html" not in fragment.content and b"export-progress" in fragment.content


def test_innovation_export_anonymous_is_401(api_as):
    assert api_as(None).get("/api/v1/innovations/export/?format=csv").status_code == 401


@override_settings(EXPORT_SYNC_MAX_ROWS=2)
def test_large_export_answers_with_the_broker_down_and_runs_after_the_requeue(
    api_as, admin_user, unit, django_capture_on_commit_callbacks, caplog
):
    import datetime

    from django.utils import timezone

    from reports.services import export_jobs_requeue
    from tests.faults.redis_server import free_port
    from tests.notifications.celery_helpers import publishing_to

    InnovationFactory.create_batch(3, unit=unit, status=Status.SUBMITTED)
    client = api_as(admin_user)
    nowhere = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    with publishing_to(nowhere), django_capture_on_commit_callbacks(execute=True):
        response = client.get("/api/v1/innovations/export/?format=xlsx")

    assert response.status_code == 202
    job = ExportJob.objects.get(token=response.json()["token"])
    assert job.status == ExportJob.Status.PENDING
    assert f"export job {job.pk} waits for the re-queue" in caplog.text

    assert export_jobs_requeue() == []  # not yet: it may still be on its way to a worker
    later = timezone.now() + datetime.timedelta(minutes=11)
    assert export_jobs_requeue(now=later) == [job.pk]  # in-process here: runs at once
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.rows_total == 3


def test_beat_requeues_waiting_exports_every_ten_minutes():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(name="reports: re-queue waiting exports")
    assert task.task == "reports.tasks.export_jobs_requeue_task" and task.enabled
    assert (task.interval.every, task.interval.period) == (10, "minutes")
