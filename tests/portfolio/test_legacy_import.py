"""The legacy archive: dry run, errors per row, idempotent re-import, the job and its progress,
the page, and the same file through the command line."""

import csv
import io
import tracemalloc

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import translation

from iga.candidates import candidates
from innovations.enums import HistoryAction, Status
from innovations.import_columns import KNOWN_COLUMNS, column_name
from innovations.importer import import_stream
from innovations.models import Cycle, Innovation, InnovationCodeCounter, TransitionLog
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict
from portfolio.enums import ImportStatus, RowOutcome
from portfolio.legacy import legacy_import_preview, legacy_import_run, legacy_import_start
from portfolio.legacy_template import COLUMNS, template_csv
from portfolio.models import LegacyImport, LegacyImportRow, MonitoringSchedule
from reports.dashboard import yearly_trend
from tests.factories import CycleFactory

pytestmark = pytest.mark.django_db

HEADERS = ["Tahun", "Nama Inovasi", "Kode Unit", "Status Akhir", "Waktu Penerapan", "Ringkasan"]


def rows_for(unit):
    return [
        ["2024", "SIDUK KELILING", unit.code, "diluncurkan", "2025-02-01", "Adminduk keliling."],
        ["2024", "ANTREAN DARING", unit.code, "disetujui", "2024-06-01", ""],
        ["2023", "PASAR TERTIB", unit.code, "ditolak", "", ""],
        ["2023", "Unit Salah", "TIDAK-ADA", "diluncurkan", "kemarin", ""],
        ["2024", "Tanpa Status", unit.code, "", "", ""],
        ["2024", "Status Salah", unit.code, "selesai", "", ""],
    ]


def csv_upload(rows, headers=HEADERS, name="arsip.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8-sig"), "text/csv")


def xlsx_upload(rows, headers=HEADERS, name="arsip.xlsx"):
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, headers)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    workbook.close()
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def jobs(django_capture_on_commit_callbacks):
    """Start jobs as the page does; each runs (in-process) once its transaction commits."""

    class Jobs:
        def preview(self, upload, admin):
            with django_capture_on_commit_callbacks(execute=True):
                job = legacy_import_preview(file=upload, by=admin)
            job.refresh_from_db()
            return job

        def start(self, preview, admin):
            with django_capture_on_commit_callbacks(execute=True):
                job = legacy_import_start(preview=preview, by=admin)
            job.refresh_from_db()
            return job

    return Jobs()


def state():
    return (
        Innovation.objects.count(),
        Cycle.objects.count(),
        list(InnovationCodeCounter.objects.values_list("year", "last_number")),
    )


@pytest.fixture
def cycles(db):
    return CycleFactory(year=2024)  # 2023 has no cycle: the archive creates it


def test_dry_run_changes_nothing(admin_user, unit, cycles, jobs):
    before = state()
    job = jobs.preview(csv_upload(rows_for(unit)), admin_user)

    assert job.status == ImportStatus.DONE and job.dry_run
    assert state() == before
    assert (job.created_count, job.existing_count, job.refused_count) == (3, 0, 3)
    assert job.cycles_created == [2023]
    assert not job.rows.exclude(innovation=None).exists()


def test_errors_are_reported_per_row_in_indonesian(admin_user, unit, cycles):
    job = LegacyImport.objects.create(
        file=csv_upload(rows_for(unit)), filename="arsip.csv", created_by=admin_user
    )
    legacy_import_run(job.pk)

    refused = {row.number: row for row in job.rows.filter(outcome=RowOutcome.REFUSED)}
    assert sorted(refused) == [5, 6, 7]
    unknown_unit, no_status, wrong_status = refused[5], refused[6], refused[7]
    with translation.override("id"):
        assert "Unit “TIDAK-ADA” tidak dikenal." in " ".join(unknown_unit.messages)
    assert "“kemarin”" in " ".join(unknown_unit.reasons["implementation_date"])
    assert set(no_status.errors) == {"status"}
    assert set(wrong_status.errors) == {"status"} and "selesai" in wrong_status.reasons["status"][0]
    assert [r.number for r in job.rows.filter(outcome=RowOutcome.CREATED)] == [2, 3, 4]


def _refused_rows(admin_user, unit):
    """A preview run in Indonesian (the page's default) with the rows QA reported."""
    rows = [
        ["2021", "SIDUK KELILING", unit.code, "diluncurkan", "", ""],
        ["2021", "Status Salah", unit.code, "selesai", "", ""],
        ["2021", "Unit Salah", "TIDAK-ADA", "disetujui", "31/02/2021", ""],
    ]
    job = LegacyImport.objects.create(
        file=csv_upload(rows), filename="arsip.csv", created_by=admin_user, language="id"
    )
    legacy_import_run(job.pk)
    return job, {row.number: row for row in job.rows.all()}


def test_reasons_are_shown_in_the_readers_language(admin_user, unit, cycles):
    _job, rows = _refused_rows(admin_user, unit)

    with translation.override("id"):
        indonesian = rows[4].messages
    with translation.override("en"):
        english = rows[4].messages
    assert "Unit: Unit “TIDAK-ADA” tidak dikenal." in indonesian
    assert english == [
        "Unit: Unknown unit “TIDAK-ADA”.",
        "Implementation date: “31/02/2021” is not a date (use YYYY-MM-DD or DD/MM/YYYY).",
    ]


def test_a_wrong_status_is_answered_with_the_words_of_the_template(admin_user, unit, cycles):
    _job, rows = _refused_rows(admin_user, unit)

    with translation.override("en"):
        assert rows[3].reasons == {
            "status": [
                "“selesai” is not a final status: write diluncurkan, disetujui or ditolak "
                "(launched, approved, rejected)."
            ]
        }


def test_rows_stored_before_keep_their_reasons(admin_user):
    job = LegacyImport.objects.create(
        file="imports/old", filename="arsip.csv", created_by=admin_user
    )
    row = LegacyImportRow.objects.create(
        job=job, number=2, outcome=RowOutcome.REFUSED, errors={"__all__": ["Baris lama."]}
    )
    with translation.override("en"):
        assert row.messages == ["Baris lama."]


@pytest.mark.parametrize(
    ("status", "label"),
    [("launched", "Launched"), ("disetujui", "Approved"), ("selesai", "selesai"), ("", "")],
)
def test_final_status_is_shown_by_its_label(status, label):
    with translation.override("en"):
        assert LegacyImportRow(status=status).status_label == label


def test_import_page_shows_labels_and_reasons_in_english(client, admin_user, unit, cycles):
    job, _rows = _refused_rows(admin_user, unit)
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"

    page = client.get(reverse("portfolio:import", args=[job.pk])).content.decode()
    export = client.get(reverse("portfolio:import-rows", args=[job.pk]), {"format": "csv"})

    assert '<td class="small">Launched</td>' in page
    assert '<td class="small">Approved</td>' in page
    assert '<td class="small">launched</td>' not in page
    assert "Unknown unit “TIDAK-ADA”." in page and "tidak dikenal" not in page
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    assert "Launched" in text and "Unknown unit “TIDAK-ADA”." in text


def test_import_rows_api_gives_reasons_in_the_readers_language(api_as, admin_user, unit, cycles):
    job, _rows = _refused_rows(admin_user, unit)

    body = (
        api_as(admin_user)
        .get(f"/api/v1/legacy-imports/{job.pk}/rows/", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )

    wrong_unit = next(row for row in body["results"] if row["number"] == 4)
    assert wrong_unit["errors"]["unit"] == ["Unknown unit “TIDAK-ADA”."]
    assert wrong_unit["messages"][0] == "Unit: Unknown unit “TIDAK-ADA”."


def test_import_creates_archived_entries_with_their_final_status(admin_user, unit, cycles, jobs):
    job = jobs.start(jobs.preview(csv_upload(rows_for(unit)), admin_user), admin_user)

    imported = {i.title: i for i in Innovation.objects.filter(import_key__isnull=False)}
    assert job.status == ImportStatus.DONE and job.created_count == 3
    assert imported["SIDUK KELILING"].status == Status.LAUNCHED
    assert imported["ANTREAN DARING"].status == Status.APPROVED
    assert imported["PASAR TERTIB"].status == Status.REJECTED
    assert imported["PASAR TERTIB"].cycle.year == 2023
    assert all(i.is_imported and i.unit == unit for i in imported.values())
    log = TransitionLog.objects.get(innovation=imported["SIDUK KELILING"])
    assert log.action == HistoryAction.IMPORT and log.actor == admin_user
    assert "arsip.csv" in log.note and "baris 2" in log.note
    # The archive's past cycle owes no monitoring any more.
    assert MonitoringSchedule.objects.get(cycle__year=2023).periods == 0


def test_the_same_file_twice_changes_nothing(admin_user, unit, cycles):
    def run_import():
        job = LegacyImport.objects.create(
            file=csv_upload(rows_for(unit)),
            filename="arsip.csv",
            dry_run=False,
            created_by=admin_user,
        )
        return legacy_import_run(job.pk)

    first = run_import()
    before = (state(), TransitionLog.objects.count())
    second = run_import()

    assert (first.created_count, first.existing_count) == (3, 0)
    assert (second.created_count, second.existing_count, second.refused_count) == (0, 3, 3)
    assert (state(), TransitionLog.objects.count()) == before


def test_a_second_preview_finds_every_row_imported(admin_user, unit, cycles, jobs):
    jobs.start(jobs.preview(csv_upload(rows_for(unit)), admin_user), admin_user)

    second = jobs.preview(xlsx_upload(rows_for(unit)), admin_user)

    assert (second.created_count, second.existing_count, second.refused_count) == (0, 3, 3)
    assert not second.can_import
    with pytest.raises(StateConflict):
        legacy_import_start(preview=second, by=admin_user)


def test_a_preview_is_imported_once(admin_user, unit, cycles, jobs):
    preview = jobs.preview(csv_upload(rows_for(unit)), admin_user)
    jobs.start(preview, admin_user)
    with pytest.raises(StateConflict):
        legacy_import_start(preview=preview, by=admin_user)


def test_the_old_identifier_is_the_key_when_given(admin_user, unit, cycles, jobs):
    headers = [*HEADERS, "ID Lama"]
    row = ["2024", "SIDUK", unit.code, "diluncurkan", "", "", "BAKILAU-1"]
    renamed = ["2024", "SIDUK KELILING (nama baru)", unit.code, "diluncurkan", "", "", "BAKILAU-1"]
    jobs.start(jobs.preview(csv_upload([row], headers), admin_user), admin_user)

    second = jobs.preview(csv_upload([renamed], headers), admin_user)

    assert second.existing_count == 1 and second.created_count == 0


def test_a_row_twice_in_one_file_is_refused_the_second_time(admin_user, unit, cycles, jobs):
    row = ["2024", "SIDUK", unit.code, "diluncurkan", "", ""]
    job = jobs.preview(csv_upload([row, row]), admin_user)
    second = job.rows.get(number=3)
    with translation.override("id"):
        assert second.outcome == RowOutcome.REFUSED and "baris 2" in " ".join(second.messages)


def test_imported_launched_innovations_in_catalogue_trend_and_candidates(
    client, admin_user, unit, cycles, jobs
):
    jobs.start(jobs.preview(csv_upload(rows_for(unit)), admin_user), admin_user)
    launched = Innovation.objects.get(title="SIDUK KELILING")

    catalogue = client.get(reverse("katalog:list")).content.decode()
    detail = client.get(reverse("katalog:detail", args=[launched.code])).content.decode()
    trend = {row[0]: row for row in yearly_trend(admin_user)}
    found = candidates(CycleFactory(year=2026), admin_user)

    assert launched.code in catalogue and "Arsip" in catalogue
    assert "data-imported" in detail
    assert trend[2024][2:4] == (2, 2)  # approved or launched: 2, of which from the archive: 2
    assert launched in found  # implemented 2025-02-01: within two years of the IGA 2026
    report = client  # the IID report marks it as imported
    report.force_login(admin_user)
    rows = report.get("/api/v1/reports/iid/2026/").json()["innovations"]
    assert {r["code"]: r["imported"] for r in rows}[launched.code] is True


def test_only_admins_import(users_by_role, unit, cycles):
    for role in ("operator", "head", "curator", "lead_curator", "leader"):
        with pytest.raises(Refused):
            legacy_import_preview(file=csv_upload(rows_for(unit)), by=users_by_role[role])


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("arsip.txt", b"Tahun,Nama\n"),
        ("arsip.csv", b"%PDF-1.4\n%%EOF\n"),
        ("arsip.csv", "Tahun,Nama\n2024,Café\n".encode("latin-1")),
        ("arsip.xlsx", b"Tahun,Nama\n2024,SIDUK\n"),
        ("arsip.csv", b""),
    ],
)
def test_upload_must_be_a_real_table(admin_user, name, content):
    with pytest.raises(InvalidInput):
        legacy_import_preview(file=SimpleUploadedFile(name, content), by=admin_user)
    assert not LegacyImport.objects.exists()


# --- the job, its progress and its memory -------------------------------------------------------


def many_rows(count, unit):
    return [
        ["2024", f"ARSIP {n:05d}", unit.code, "diluncurkan", "2024-05-01", "Arsip."]
        for n in range(count)
    ]


def test_a_large_file_runs_as_a_job_with_progress(admin_user, unit, cycles):
    """The job records its progress after every batch, where the polling page reads it."""
    count = 1000
    job = LegacyImport.objects.create(
        file=xlsx_upload(many_rows(count, unit)), filename="arsip.xlsx", created_by=admin_user
    )

    progress_updates = []

    def watch(execute, sql, params, many, context):
        if sql.startswith('UPDATE "portfolio_legacyimport"') and '"rows_done" = (' in sql:
            progress_updates.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        legacy_import_run(job.pk)
    job.refresh_from_db()

    assert job.status == ImportStatus.DONE and job.progress == 100
    assert (job.rows_total, job.rows_done, job.created_count) == (count, count, count)
    assert len(progress_updates) == count // 200  # one per batch of 200 rows
    assert job.rows.count() == count


def test_progress_moves_only_up_to_done():
    job = LegacyImport(status=ImportStatus.RUNNING, rows_total=1000, rows_done=0)
    seen = []
    for done in (0, 200, 600, 1000):
        job.rows_done = done
        seen.append(job.progress)
    job.status = ImportStatus.DONE
    seen.append(job.progress)
    assert seen == [0, 20, 60, 99, 100]  # 100 only once the job is done


def test_import_memory_does_not_grow_with_the_file(admin_user, unit, cycles):
    """The rows are streamed batch by batch: 5× the rows, about the same peak of Python memory."""

    def peak(count):
        with_file = io.BytesIO(xlsx_upload(many_rows(count, unit)).read())
        with_file.name = "arsip.xlsx"
        from innovations.tables import open_table

        tracemalloc.start()
        with open_table(with_file, name="arsip.xlsx") as (headers, rows):
            import_stream(headers, rows, by=admin_user, dry_run=True, archive_only=True)
        _current, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small, large = peak(200), peak(1000)
    assert large < small * 1.5, (small, large)


# --- the page ---------------------------------------------------------------------------------


def test_import_page_flow(client, admin_user, unit, cycles, django_capture_on_commit_callbacks):
    client.force_login(admin_user)
    page = client.get(reverse("portfolio:imports")).content.decode()
    assert "Nama Inovasi" in page and "template-xlsx" in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portfolio:imports"), {"file": csv_upload(rows_for(unit))})
    preview = LegacyImport.objects.get()
    assert response["Location"] == reverse("portfolio:import", args=[preview.pk])
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in page and 'data-outcome="refused"' in page
    assert 'data-action="import"' in page
    progress = client.get(
        reverse("portfolio:import", args=[preview.pk]), {"part": "progress"}, HTTP_HX_REQUEST="true"
    )
    assert progress.content.decode().lstrip().startswith('<section id="import-progress"')

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("portfolio:import-run", args=[preview.pk]))
    job = LegacyImport.objects.get(dry_run=False)
    assert response["Location"] == reverse("portfolio:import", args=[job.pk])
    assert Innovation.objects.filter(import_key__isnull=False).count() == 3
    assert client.get(response["Location"]).status_code == 200


def test_import_page_refuses_a_wrong_file_with_a_message(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse("portfolio:imports"), {"file": SimpleUploadedFile("arsip.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 400
    assert not LegacyImport.objects.exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_download_is_read_back_by_the_importer(client, admin_user, fmt):
    client.force_login(admin_user)
    response = client.get(reverse("portfolio:import-template", args=[fmt]))
    assert response.status_code == 200
    assert f"template-arsip-inovasi.{fmt}" in response["Content-Disposition"]


def test_template_columns_are_all_understood():
    assert all(column_name(c.header) in KNOWN_COLUMNS for c in COLUMNS)
    assert all(column_name(c.field) == c.field for c in COLUMNS)
    header = next(csv.reader(io.StringIO(b"".join(template_csv()).decode("utf-8-sig"))))
    assert header == [c.header for c in COLUMNS]


def test_template_example_row_imports(admin_user, jobs):
    body = b"".join(template_csv())
    job = jobs.preview(SimpleUploadedFile("template.csv", body), admin_user)
    assert job.rows.get().outcome == RowOutcome.CREATED, job.rows.get().messages


# --- the command line keeps working for the same files -----------------------------------------


def test_cli_imports_the_same_archive_file_idempotently(tmp_path, admin_user, unit, cycles):
    path = tmp_path / "arsip.csv"
    path.write_bytes(csv_upload(rows_for(unit)).read())

    first, second = io.StringIO(), io.StringIO()
    call_command("import_innovations", str(path), stdout=first)
    call_command("import_innovations", str(path), stdout=second)

    assert "3 created, 3 refused" in first.getvalue()
    assert "0 created, 3 already imported, 3 refused" in second.getvalue()
    assert Innovation.objects.filter(import_key__isnull=False).count() == 3
    assert Innovation.objects.get(title="SIDUK KELILING").status == Status.LAUNCHED


def test_an_imported_entry_adds_its_innovators_without_deleting_first(
    admin_user, unit, cycles, jobs
):
    """A new archived entry has no innovators to replace: no DELETE per row (issue 20)."""
    from django.test.utils import CaptureQueriesContext

    headers = [*HEADERS, "Inovator"]
    rows = [["2024", "SIDUK KELILING", unit.code, "diluncurkan", "2025-02-01", "", "Aminah; Rudi"]]
    preview = jobs.preview(csv_upload(rows, headers), admin_user)
    with CaptureQueriesContext(connection) as queries:
        job = jobs.start(preview, admin_user)

    assert job.created_count == 1
    imported = Innovation.objects.get(import_key__isnull=False)
    assert [i.name for i in imported.innovators.order_by("position")] == ["Aminah", "Rudi"]
    deletes = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DELETE")]
    assert not [sql for sql in deletes if "innovations_innovator" in sql]
