"""Importing innovations from the spreadsheets the region keeps today (XLSX or CSV).

One header row; columns named like the API fields or their Indonesian names (`HEADER_ALIASES`).
Each row goes through `services.innovation_create` inside its own savepoint: a refused row is
reported with its reasons and leaves nothing behind, and never stops the rows after it. A dry
run does all of it and rolls everything back.
"""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Unit

from .cycles import Cycle
from .enums import Form, HelixActor, Initiator, InnovationType, LabStage, Maturity, Origin
from .services import innovation_create

TEXT_FIELDS = (
    "title",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
    "results",
    "budget_source",
    "video_url",
)
CHOICE_FIELDS = {
    "origin": Origin,
    "form": Form,
    "type": InnovationType,
    "initiator": Initiator,
    "maturity": Maturity,
    "lab_stage": LabStage,
}
SUBMITTER_FIELDS = {
    "submitter_name": "name",
    "submitter_email": "email",
    "submitter_phone": "phone",
    "submitter_village": "village",
}
KNOWN_COLUMNS = {
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    *SUBMITTER_FIELDS,
    "year",
    "unit",
    "trial_date",
    "implementation_date",
    "budget",
    "affairs",
    "tags",
    "innovators",
    "partners",
}
# Indonesian (and older) column names -> API names. Keys are normalised (`normalise_header`).
HEADER_ALIASES = {
    "nama_inovasi": "title",
    "judul": "title",
    "judul_inovasi": "title",
    "nama": "title",
    "tahun": "year",
    "perangkat_daerah": "unit",
    "kode_unit": "unit",
    "unit_kerja": "unit",
    "opd": "unit",
    "asal_inovasi": "origin",
    "asal": "origin",
    "bentuk_inovasi": "form",
    "bentuk": "form",
    "jenis_inovasi": "type",
    "jenis": "type",
    "inisiator": "initiator",
    "inisiator_inovasi": "initiator",
    "tahapan_inovasi": "maturity",
    "tahapan": "maturity",
    "waktu_uji_coba": "trial_date",
    "tanggal_uji_coba": "trial_date",
    "waktu_penerapan": "implementation_date",
    "tanggal_penerapan": "implementation_date",
    "ringkasan": "summary",
    "latar_belakang": "problem",
    "masalah": "problem",
    "rancang_bangun": "design",
    "rancang_bangun_dan_pokok_perubahan": "design",
    "tujuan": "goals",
    "manfaat": "benefits",
    "hasil": "results",
    "hasil_inovasi": "results",
    "anggaran": "budget",
    "sumber_anggaran": "budget_source",
    "video": "video_url",
    "tautan_video": "video_url",
    "urusan": "affairs",
    "urusan_pemerintahan": "affairs",
    "tema": "tags",
    "tag": "tags",
    "inovator": "innovators",
    "nama_inovator": "innovators",
    "mitra": "partners",
    "tahap_laboratorium": "lab_stage",
    "tahap_lab": "lab_stage",
    "nama_pengusul": "submitter_name",
    "email_pengusul": "submitter_email",
    "telepon_pengusul": "submitter_phone",
    "hp_pengusul": "submitter_phone",
    "desa": "submitter_village",
    "desa_kecamatan": "submitter_village",
}
# Words people write in the sheets for enumeration values (normalised like headers).
VALUE_ALIASES = {
    "form": {"tata_kelola_pemerintahan_daerah": "tata_kelola", "pelayanan": "pelayanan_publik"},
    "type": {"non_digital": "non_digital", "nondigital": "non_digital"},
    "maturity": {"ujicoba": "uji_coba", "inisiasi": "inisiatif"},
    "origin": {"lab_inovasi": "laboratorium_inovasi", "kompetisi_inovasi": "kompetisi"},
    "initiator": {"dprd": "anggota_dprd", "opd": "perangkat_daerah"},
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def normalise_header(text):
    return re.sub(r"[^0-9a-z]+", "_", str(text or "").strip().lower()).strip("_")


def column_name(header):
    key = normalise_header(header)
    return HEADER_ALIASES.get(key, key)


class RowError(Exception):
    """One row cannot be read: {field: [messages]}."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


@dataclass
class RowResult:
    number: int
    code: str = ""
    title: str = ""
    errors: dict = field(default_factory=dict)

    @property
    def ok(self):
        return not self.errors


@dataclass
class ImportReport:
    rows: list = field(default_factory=list)
    dry_run: bool = False
    ignored_columns: list = field(default_factory=list)

    @property
    def created(self):
        return [r for r in self.rows if r.ok]

    @property
    def refused(self):
        return [r for r in self.rows if not r.ok]


def read_table(path):
    """(headers, rows as lists) of the first sheet of an XLSX file or a CSV file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    elif suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            try:
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            rows = list(csv.reader(handle, dialect))
    else:
        raise ValueError(_("Only .xlsx and .csv files can be imported."))
    rows = [row for row in rows if any(_text(cell) for cell in row)]
    if not rows:
        return [], []
    return rows[0], rows[1:]


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value, name):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError({name: [_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": text}]})


def _choice(value, name):
    text = normalise_header(value)
    if not text:
        return ""
    enum = CHOICE_FIELDS[name]
    text = VALUE_ALIASES.get(name, {}).get(text, text)
    if text in enum.values:
        return text
    for choice in enum:
        if normalise_header(choice.label) == text:
            return choice.value
    allowed = ", ".join(enum.values)
    raise RowError(
        {
            name: [
                _("“%(value)s” is not one of: %(allowed)s.") % {"value": value, "allowed": allowed}
            ]
        }
    )


def _list(value):
    return [part.strip() for part in re.split(r"[;\n]", _text(value)) if part.strip()]


def _innovators(value):
    """ "Name (NIP); Name" -> [{name, nip}]."""
    people = []
    for part in _list(value):
        match = re.fullmatch(r"(.+?)\s*[\(\[]\s*(\d[\d ]*)\s*[\)\]]", part)
        if match:
            people.append({"name": match[1].strip(), "nip": match[2].replace(" ", "")})
        else:
            people.append({"name": part, "nip": ""})
    return people


def _partners(value):
    """ "actor: name: role; ..." -> [{actor, name, role}]."""
    partners = []
    for part in _list(value):
        pieces = [p.strip() for p in part.split(":")]
        if len(pieces) < 2:
            raise RowError(
                {"partners": [_("Write a partner as “actor: name: role”, e.g. “akademisi: ULM”.")]}
            )
        actor = normalise_header(pieces[0])
        if actor not in HelixActor.values:
            raise RowError(
                {
                    "partners": [
                        _("“%(actor)s” is not a partner type (%(allowed)s).")
                        % {"actor": pieces[0], "allowed": ", ".join(HelixActor.values)}
                    ]
                }
            )
        partners.append({"actor": actor, "name": pieces[1], "role": ":".join(pieces[2:])})
    return partners


def _budget(value):
    if value in (None, ""):
        return None
    if isinstance(value, int | float):
        return int(value)
    digits = re.sub(r"[^\d]", "", _text(value).split(",")[0])
    if not digits:
        raise RowError({"budget": [_("The budget must be a number of rupiah.")]})
    return int(digits)


class _Lookups:
    """Units and cycles read once for the whole file."""

    def __init__(self):
        self.units = {}
        for unit in Unit.objects.all():
            self.units[unit.code.lower()] = unit
            self.units.setdefault(unit.name.strip().lower(), unit)
        self.cycles = {c.year: c for c in Cycle.objects.all()}


def parse_row(values, lookups, *, default_year):
    """One row (dict of API column -> cell) -> keyword arguments of `innovation_create`."""
    errors = {}
    kwargs = {}

    def attempt(name, fn):
        try:
            return fn()
        except RowError as exc:
            for key, messages in exc.errors.items():
                errors.setdefault(key, []).extend(messages)
            return None

    year_text = _text(values.get("year"))
    year = default_year
    if year_text:
        year = int(year_text) if year_text.isdigit() else None
        if year is None:
            errors["year"] = [_("“%(value)s” is not a year.") % {"value": year_text}]
    cycle = lookups.cycles.get(year) if year else None
    if year and cycle is None:
        errors["year"] = [_("There is no cycle for %(year)s.") % {"year": year}]
    elif not year and "year" not in errors:
        errors["year"] = [_("Give the year (a column or --year).")]
    kwargs["cycle"] = cycle

    unit_text = _text(values.get("unit"))
    unit = None
    if unit_text:
        unit = lookups.units.get(unit_text.lower())
        if unit is None:
            errors["unit"] = [_("Unknown unit “%(unit)s”.") % {"unit": unit_text}]
    kwargs["unit"] = unit

    for name in TEXT_FIELDS:
        if name in values:
            kwargs[name] = _text(values[name])
    for name in CHOICE_FIELDS:
        if name in values:
            value = attempt(name, lambda n=name: _choice(values[n], n))
            if value is not None:
                kwargs[name] = value
    for name in ("trial_date", "implementation_date"):
        if name in values:
            kwargs[name] = attempt(name, lambda n=name: _date(values[n], n))
    if "budget" in values:
        kwargs["budget"] = attempt("budget", lambda: _budget(values["budget"]))
    for name in ("affairs", "tags"):
        if name in values:
            kwargs[name] = _list(values[name])
    if "innovators" in values:
        kwargs["innovators"] = _innovators(values["innovators"])
    if "partners" in values:
        kwargs["partners"] = attempt("partners", lambda: _partners(values["partners"])) or []
    submitter = {
        target: _text(values[source])
        for source, target in SUBMITTER_FIELDS.items()
        if source in values
    }
    if any(submitter.values()):
        kwargs["community_submitter"] = submitter
    if not kwargs.get("title"):
        errors.setdefault("title", []).append(_("The innovation needs a name."))
    if errors:
        raise RowError(errors)
    return kwargs


def import_rows(headers, rows, *, by, default_year=None, dry_run=False):
    """Create one draft per row through the service; every row reported. Returns the report."""
    columns = [column_name(h) for h in headers]
    report = ImportReport(
        dry_run=dry_run,
        ignored_columns=[
            h for h, c in zip(headers, columns, strict=True) if c not in KNOWN_COLUMNS
        ],
    )
    lookups = _Lookups()
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):  # row 1 is the header
            values = {
                column: cell
                for column, cell in zip(columns, row, strict=False)
                if column in KNOWN_COLUMNS
            }
            result = RowResult(number=number, title=_text(values.get("title")))
            try:
                with transaction.atomic():  # the row's savepoint
                    kwargs = parse_row(values, lookups, default_year=default_year)
                    innovation = innovation_create(by=by, **kwargs)
                    result.code = innovation.code
            except RowError as exc:
                result.errors = exc.errors
            except ValidationError as exc:
                result.errors = (
                    exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
                )
            except PermissionDenied as exc:
                result.errors = {"__all__": [str(exc)]}
            report.rows.append(result)
        if dry_run:
            transaction.set_rollback(True)
    return report
