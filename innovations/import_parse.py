"""Reading one row of an innovation spreadsheet into the keyword arguments of a service.

Columns are named like the API fields or their Indonesian names (`HEADER_ALIASES`); values like
the API's enumerations or their labels and the words people write in the sheets
(`VALUE_ALIASES`). A row with a final status (`status`: launched, approved, rejected) is an entry
of the legacy archive (`innovations.legacy`); one without is a draft to complete in the portal.
"""

import datetime
import re

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit

from .checks import region_today
from .cycles import Cycle
from .enums import (
    ARCHIVE_STATUSES,
    HelixActor,
)
from .import_columns import (
    CHOICE_FIELDS,
    DATE_FORMATS,
    SUBMITTER_FIELDS,
    TEXT_FIELDS,
    VALUE_ALIASES,
    normalise_header,
)
from .tables import text as cell_text


def _interpolate(message, params):
    return str(message) % params


# A reason with values in it, still to be translated: `str()` renders it in the active language.
# Only the unformatted message can be translated, and the legacy import page writes a preview's
# reasons down in every language it offers, for whoever reads them later.
reason = lazy(_interpolate, str)


class RowError(Exception):
    """One row cannot be read: {field: [messages]}, each one translated when it is read."""

    def __init__(self, errors):
        super().__init__(errors)
        self.errors = errors


def _date(value, name):
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(
        {
            name: [
                reason(
                    _("“%(value)s” is not a date (use YYYY-MM-DD or DD/MM/YYYY)."), {"value": text}
                )
            ]
        }
    )


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
                reason(
                    _("“%(value)s” is not one of: %(allowed)s."),
                    {"value": value, "allowed": allowed},
                )
            ]
        }
    )


def _list(value):
    return [part.strip() for part in re.split(r"[;\n]", cell_text(value)) if part.strip()]


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
                        reason(
                            _("“%(actor)s” is not a partner type (%(allowed)s)."),
                            {"actor": pieces[0], "allowed": ", ".join(HelixActor.values)},
                        )
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
    digits = re.sub(r"[^\d]", "", cell_text(value).split(",")[0])
    if not digits:
        raise RowError({"budget": [_("The budget must be a number of rupiah.")]})
    return int(digits)


class Lookups:
    """Units and cycles read once for the whole file.

    Archived rows of a year without a cycle get one (dated like Banjar's calendar): the archive
    reaches back before the portal. A cycle created for a row is kept only once that row is
    stored (`keep_row`) and forgotten when the row fails or the batch is rolled back (a dry run).
    """

    def __init__(self):
        self.units = {}
        for unit in Unit.objects.all():
            self.units[unit.code.lower()] = unit
            self.units.setdefault(unit.name.strip().lower(), unit)
        self.cycles = {c.year: c for c in Cycle.objects.all()}
        self.batch, self.pending = {}, {}
        self.cycles_created = set()

    def unit(self, value):
        return self.units.get(value.lower())

    def cycle(self, year, *, create=False):
        found = self.cycles.get(year) or self.batch.get(year) or self.pending.get(year)
        if found is not None or not create:
            return found
        cycle, created = Cycle.objects.get_or_create(
            year=year, defaults=Cycle.defaults_for_year(year)
        )
        self.pending[year] = cycle
        if created:
            cycle.created_for_archive = True
        return cycle

    def keep_row(self):
        for year, cycle in self.pending.items():
            self.batch[year] = cycle
            if getattr(cycle, "created_for_archive", False):
                self.cycles_created.add(year)
        self.pending = {}

    def drop_row(self):
        self.pending = {}

    def end_batch(self, *, committed):
        if committed:
            self.cycles.update(self.batch)
        self.batch, self.pending = {}, {}


def _status(value):
    word = VALUE_ALIASES["status"].get(normalise_header(value), normalise_header(value))
    if not word:
        return ""
    for status in ARCHIVE_STATUSES:
        if word in (status.value, normalise_header(status.label)):
            return status.value
    # Named as the archive's template asks people to write them.
    raise RowError(
        {
            "status": [
                reason(
                    _(
                        "“%(value)s” is not a final status: write diluncurkan, disetujui or "
                        "ditolak (launched, approved, rejected)."
                    ),
                    {"value": value},
                )
            ]
        }
    )


def _year(values, default_year, errors):
    year_text = cell_text(values.get("year"))
    if not year_text:
        if default_year:
            return default_year
        errors["year"] = [_("Give the year (a column or --year).")]
        return None
    if year_text.isdigit() and 2000 <= int(year_text) <= 2100:
        return int(year_text)
    errors["year"] = [reason(_("“%(value)s” is not a year."), {"value": year_text})]
    return None


def _cycle(year, archive, lookups, errors):
    if year is None:
        return None
    if archive and year > region_today().year:
        errors["year"] = [_("An archived innovation cannot be of a later year than this one.")]
        return None
    cycle = lookups.cycle(year, create=archive)
    if cycle is None:
        errors["year"] = [reason(_("There is no cycle for %(year)s."), {"year": year})]
    return cycle


def parse_row(values, lookups, *, default_year, archive_only=False):
    """One row (dict of API column -> cell) -> (keyword arguments of the service, archive info).

    The archive info is None for a draft, else {"status", "legacy_id"}. With `archive_only`
    (the legacy import page) a row without a final status is refused.
    """
    errors = {}
    kwargs = {}

    def attempt(name, fn):
        try:
            return fn()
        except RowError as exc:
            for key, messages in exc.errors.items():
                errors.setdefault(key, []).extend(messages)
            return None

    status = attempt("status", lambda: _status(values.get("status"))) if "status" in values else ""
    if archive_only and not status and not errors.get("status"):
        errors["status"] = [
            _(
                "Give the final status: launched, approved or rejected (diluncurkan, disetujui, "
                "ditolak)."
            )
        ]
    archive = None
    if status or errors.get("status"):  # a row with a final status (even a wrong one)
        archive = {"status": status or "", "legacy_id": cell_text(values.get("legacy_id"))}
    year = _year(values, default_year, errors)
    kwargs["cycle"] = _cycle(year, archive is not None, lookups, errors)

    unit_text = cell_text(values.get("unit"))
    unit = None
    if unit_text:
        unit = lookups.unit(unit_text)
        if unit is None:
            errors["unit"] = [reason(_("Unknown unit “%(unit)s”."), {"unit": unit_text})]
    kwargs["unit"] = unit

    for name in TEXT_FIELDS:
        if name in values:
            kwargs[name] = cell_text(values[name])
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
        target: cell_text(values[source])
        for source, target in SUBMITTER_FIELDS.items()
        if source in values
    }
    if any(submitter.values()):
        kwargs["community_submitter"] = submitter
    if not kwargs.get("title"):
        errors.setdefault("title", []).append(_("The innovation needs a name."))
    if errors:
        raise RowError(errors)
    return kwargs, archive
