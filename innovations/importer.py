"""Importing innovations from the spreadsheets the region keeps (XLSX or CSV).

One header row; columns and values as `import_parse` reads them. A row without a final status
becomes a draft through `services.innovation_create`; a row with one (launched, approved,
rejected) is an entry of the legacy archive, created with that status through
`legacy.innovation_import_archived` and found again by its stable key on a second import.

Each row runs in its own savepoint: a refused row is reported with its reasons and leaves
nothing behind, and never stops the rows after it. `import_stream` works in batches, each one
transaction (rolled back in a dry run), and hands each batch's results to the caller: the rows
are never all in memory, so a file of any length is imported in constant memory, with progress.
The management command and the legacy import page (portfolio) both use it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .import_columns import HEADER_ALIASES, KNOWN_COLUMNS, column_name, normalise_header
from .import_parse import Lookups, RowError, parse_row, reason
from .legacy import archive_key, innovation_import_archived
from .services import innovation_create
from .tables import open_table, read_table, text

__all__ = [
    "HEADER_ALIASES",
    "KNOWN_COLUMNS",
    "Importer",
    "Outcome",
    "ImportReport",
    "RowResult",
    "column_name",
    "import_rows",
    "import_stream",
    "normalise_header",
    "open_table",
    "parse_row",
    "read_table",
]

BATCH_SIZE = 200


class Outcome:
    CREATED = "created"  # stored (or, in a dry run, would be)
    EXISTING = "existing"  # an archived row imported before: nothing changes
    REFUSED = "refused"
    ALL = (CREATED, EXISTING, REFUSED)


@dataclass
class RowResult:
    number: int
    title: str = ""
    year: int | None = None
    status: str = ""
    unit: str = ""
    code: str = ""
    innovation_id: int | None = None
    outcome: str = Outcome.CREATED
    errors: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors

    @property
    def archived(self):
        return bool(self.status)


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    dry_run: bool = False
    ignored_columns: list = field(default_factory=list)
    cycles_created: list = field(default_factory=list)

    @property
    def created(self):
        return [r for r in self.rows if r.ok and r.outcome == Outcome.CREATED]

    @property
    def existing(self):
        return [r for r in self.rows if r.outcome == Outcome.EXISTING]

    @property
    def refused(self):
        return [r for r in self.rows if not r.ok]


def _rendered(error):
    return next(iter(error))


# A service's or a model's ValidationError keeps its message and values apart until it is read;
# kept so, the reason is translated when it is shown, like the parser's (`import_parse.reason`).
_validation_reason = lazy(_rendered, str)


def _errors_of(exc):
    if isinstance(exc, RowError):
        return exc.errors
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return {
                field: [_validation_reason(error) for error in errors]
                for field, errors in exc.error_dict.items()
            }
        return {"__all__": [_validation_reason(error) for error in exc.error_list]}
    return {"__all__": [str(exc)]}


class Importer:
    """Reads rows of one file with one header; `row()` stores one (inside the caller's
    transaction, in its own savepoint)."""

    def __init__(
        self, headers, *, by, default_year=None, dry_run=False, source="", archive_only=False
    ):
        self.by = by
        self.archive_only = archive_only
        self.default_year = default_year
        self.dry_run = dry_run
        self.source = source
        self.columns = [column_name(h) for h in headers]
        self.ignored_columns = [
            text(h) for h, c in zip(headers, self.columns, strict=True) if c not in KNOWN_COLUMNS
        ]
        self.lookups = Lookups()
        # Archived keys seen in this run (a dry run stores nothing, so a repeated row of the file
        # would not be found in the database): key -> row number. Small strings, one per row.
        self.seen = {}

    def values(self, cells):
        return {
            column: cell
            for column, cell in zip(self.columns, cells, strict=False)
            if column in KNOWN_COLUMNS
        }

    def row(self, number, cells):
        values = self.values(cells)
        year = text(values.get("year"))
        result = RowResult(
            number=number,
            title=text(values.get("title")),
            year=int(year) if year.isdigit() and len(year) == 4 else None,
            status=text(values.get("status"))[:20],
            unit=text(values.get("unit"))[:30],
        )
        try:
            with transaction.atomic():  # the row's savepoint
                kwargs, archive = parse_row(
                    values,
                    self.lookups,
                    default_year=self.default_year,
                    archive_only=self.archive_only,
                )
                result.year = kwargs["cycle"].year
                result.unit = kwargs["unit"].code if kwargs["unit"] else ""
                if archive is None:
                    innovation = innovation_create(by=self.by, **kwargs)
                else:
                    result.status = archive["status"]
                    innovation = self._archived(number, kwargs, archive, result)
                result.code, result.innovation_id = innovation.code, innovation.pk
        except (RowError, ValidationError, PermissionDenied) as exc:
            result.errors = _errors_of(exc)
            result.outcome = Outcome.REFUSED
            self.lookups.drop_row()
        else:
            self.lookups.keep_row()
        return result

    def _archived(self, number, kwargs, archive, result):
        key = archive_key(
            year=kwargs["cycle"].year,
            unit_code=result.unit,
            title=kwargs.get("title"),
            legacy_id=archive["legacy_id"],
        )
        earlier_row = self.seen.get(key)
        if earlier_row is not None:
            raise RowError(
                {
                    "__all__": [
                        reason(
                            gettext_lazy("The same innovation is already in row %(row)s."),
                            {"row": earlier_row},
                        )
                    ]
                }
            )
        source = _("%(file)s, row %(row)s") % {"file": self.source or _("import"), "row": number}
        found, created = innovation_import_archived(
            by=self.by, status=archive["status"], key=key, source=source, **kwargs
        )
        if not created:
            result.outcome = Outcome.EXISTING
        self.seen[key] = number
        return found

    def end_batch(self, *, committed):
        self.lookups.end_batch(committed=committed)

    @property
    def cycles_created(self):
        return sorted(self.lookups.cycles_created)


def import_stream(
    headers,
    rows: Iterable,
    *,
    by,
    default_year=None,
    dry_run=False,
    source="",
    archive_only=False,
    batch_size=BATCH_SIZE,
    on_batch: Callable | None = None,
):
    """Import numbered rows [(row number, cells)] batch by batch; returns the Importer.

    Each batch is one transaction, committed (or rolled back in a dry run) before
    `on_batch(results)` is called with its RowResults: the caller records them and the progress
    where others can read them, and nothing of the file stays in memory.
    """
    importer = Importer(
        headers,
        by=by,
        default_year=default_year,
        dry_run=dry_run,
        source=source,
        archive_only=archive_only,
    )
    batch = []

    def flush():
        with transaction.atomic():
            results = [importer.row(number, cells) for number, cells in batch]
            if dry_run:
                transaction.set_rollback(True)
        importer.end_batch(committed=not dry_run)
        batch.clear()
        if on_batch is not None:
            on_batch(results)

    for item in rows:
        batch.append(item)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return importer


def import_rows(headers, rows, *, by, default_year=None, dry_run=False, source=""):
    """Import a list of rows (row 1 is the header) and return the whole report."""
    report = ImportReport(dry_run=dry_run)
    importer = import_stream(
        headers,
        enumerate(rows, start=2),
        by=by,
        default_year=default_year,
        dry_run=dry_run,
        source=source,
        on_batch=report.rows.extend,
    )
    report.ignored_columns = importer.ignored_columns
    report.cycles_created = importer.cycles_created
    return report
