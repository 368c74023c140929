"""The yearly cycle: dates and settings of one programme year, all editable by an admin.

Every page and API that is told a year (`?year=` or a path segment) asks `Cycle.objects.resolve`
(pages through `cycle_for_page`), and every filter on a year is `filters.YearFilter`, so a year
means the same everywhere (docs/decisions.md, "One answer for `?year=`").
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from accounts.models import Unit
from intan_banjar.exceptions import InvalidInput, Missing
from intan_banjar.pages import attempt
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet, PreparedRows

# A year is written as four ASCII digits: "abc", "20x5", "-1", "2025.0" and "٢٠٢٥" are not years.
YEAR_FORMAT = re.compile(r"[0-9]{4}")
YEAR_MALFORMED = _("Give the year as four digits, e.g. 2025.")


def parse_year(value):
    """The year in `value` (text or a number) as an int; None when absent or empty.

    Anything but four digits (surrounding spaces aside) raises InvalidInput: a malformed year is
    the caller's mistake (400), never "no such cycle" (404) nor a silent "the current cycle".
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if not YEAR_FORMAT.fullmatch(text):
        raise InvalidInput(YEAR_MALFORMED, code="invalid")
    return int(text)


def default_reminder_offsets():
    return [30, 14, 7, 1]


# IGA category bands as published for 2023-2024: the default of migration 0001 only. A cycle now
# gets its year's bands when it is saved without any (iga.apps.give_year_bands, from the IID
# rules editions in iga/data): 2025 and later the 2025 bands.
DEFAULT_IGA_BANDS = [
    {"category": "sangat_inovatif", "label": "Sangat Inovatif", "min": 60.01, "max": 100},
    {"category": "inovatif", "label": "Inovatif", "min": 35.0, "max": 60.0},
    {"category": "kurang_inovatif", "label": "Kurang Inovatif", "min": 0.01, "max": 34.99},
    {"category": "disclaimer", "label": "Tidak Dapat Dinilai", "min": 0, "max": 0},
]


def default_iga_bands():
    return [dict(band) for band in DEFAULT_IGA_BANDS]


def valid_bands(bands):
    """A list of objects whose "min"/"max", when given, are numbers: what the IGA estimate reads."""
    if not isinstance(bands, list):
        return False
    return all(
        isinstance(band, dict)
        and all(
            isinstance(band.get(key, 0), int | float) and not isinstance(band.get(key), bool)
            for key in ("min", "max")
        )
        for band in bands
    )


class CycleQuerySet(models.QuerySet):
    def current(self, today=None):
        """The cycle people work in today: the latest one whose submissions have opened."""
        today = today or timezone.localdate()
        return (
            self.filter(submission_opens__lte=today).order_by("-year").first()
            or self.order_by("year").first()
        )

    def open_for(self, unit, today=None):
        """Cycles whose submission window is open today for `unit` (its extension counts).

        A unit creates and submits only in these (PRODUCT.md: open cycles only); curators and
        administrators are not bound by the window.
        """
        from .checks import region_today

        today = today or region_today()
        extended = models.Q(deadline_extensions__unit=unit, deadline_extensions__until__gte=today)
        return (
            self.filter(submission_opens__lte=today)
            .filter(models.Q(submission_deadline__gte=today) | extended)
            .distinct()
        )

    def resolve(self, year=None, *, required=True):
        """The cycle a request names by `year` (a `?year=` value or a path segment).

        - absent or empty: the current cycle; when there is no cycle at all, a 404 ("There is no
          cycle yet.") or, if not `required`, None (pages that say so themselves);
        - malformed (not four digits): InvalidInput on `year`, which the API answers 400 and pages
          show as a message (`cycle_for_page`);
        - four digits without a cycle: a 404.
        """
        try:
            number = parse_year(year)
        except InvalidInput as exc:
            raise InvalidInput({"year": exc.error_list}) from None
        if number is None:
            cycle = self.current()
            if cycle is None and required:
                raise Missing(_("There is no cycle yet."))
            return cycle
        # `Cycle.objects` itself (no filter, no other database): its SQL compiled once.
        cycle = _BY_YEAR.get(year=number) if self._unfiltered() else NOT_PREPARED
        if cycle is NOT_PREPARED:
            cycle = self.filter(year=number).first()
        if cycle is None:
            raise Missing(_("There is no cycle for %(year)s.") % {"year": number})
        return cycle

    def _unfiltered(self):
        return self.model is Cycle and self._db is None and not self.query.where


def cycle_for_page(request, *, required=True):
    """The cycle of a page's `?year=`, and the status the page answers with.

    A malformed year is an error message over the page of the default cycle (the current one),
    answered 400: the page stays usable and says what was wrong. An unknown year is a 404, and
    the absent year the current cycle, as in the API (`CycleQuerySet.resolve`).
    """
    year = request.GET.get("year")
    result = attempt(request, lambda: Cycle.objects.resolve(year, required=required))
    if result.failed:
        return Cycle.objects.resolve(None, required=required), result.status
    return result.value, 200


class Cycle(models.Model):
    # A calendar year the regency could run a cycle in; year 0 or 9999 is a typing slip.
    year = models.PositiveSmallIntegerField(
        _("year"),
        unique=True,
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
    )
    submission_opens = models.DateField(_("submission opens"))
    submission_deadline = models.DateField(_("submission deadline"))
    curation_deadline = models.DateField(_("curation deadline"))
    agreement_deadline = models.DateField(_("agreement deadline"))
    launch_date = models.DateField(_("launch date"), null=True, blank=True)
    min_innovations_per_unit = models.PositiveSmallIntegerField(
        _("minimum innovations per unit"), default=1
    )
    reminder_offsets_days = models.JSONField(
        _("reminder offsets (days before a deadline)"), default=default_reminder_offsets
    )
    reminder_send_time = models.TimeField(
        _("daily reminder time (WITA)"), default=datetime.time(8, 0)
    )
    review_overdue_days = models.PositiveSmallIntegerField(
        _("curation overdue after (days)"), default=14
    )
    revision_pending_days = models.PositiveSmallIntegerField(
        _("revision reminder after (days)"), default=7
    )
    iga_bands = models.JSONField(
        _("IGA category bands"),
        default=list,
        blank=True,
        help_text=_("Leave empty for the year's published bands."),
    )
    iid_min_divisor = models.PositiveSmallIntegerField(_("IID minimum divisor"), default=10)
    publish_decisions_together = models.BooleanField(
        _("publish decisions together"),
        default=False,
        help_text=_(
            "On: approvals and rejections are recorded but reach the units only when a lead "
            "curator or an administrator publishes the cycle's decisions."
        ),
    )
    head_approval_required = models.BooleanField(
        _("unit head approves before submission"),
        default=False,
        help_text=_(
            "On: an operator's submission waits for the unit head's approval before it reaches "
            "Bappedalitbang."
        ),
    )

    objects = CycleQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = _("cycle")
        verbose_name_plural = _("cycles")

    def __str__(self):
        return str(self.year)

    def clean(self):
        errors = {}
        if (
            self.submission_opens
            and self.submission_deadline
            and (self.submission_deadline < self.submission_opens)
        ):
            errors["submission_deadline"] = _("The deadline must not be before the opening.")
        if (
            self.curation_deadline
            and self.submission_deadline
            and (self.curation_deadline < self.submission_deadline)
        ):
            errors["curation_deadline"] = _("Curation cannot end before submissions close.")
        offsets = self.reminder_offsets_days
        if not isinstance(offsets, list) or not all(isinstance(o, int) and o >= 0 for o in offsets):
            errors["reminder_offsets_days"] = _("Give a list of whole numbers of days.")
        if not valid_bands(self.iga_bands):
            errors["iga_bands"] = _("Give a list of bands, each with a numeric min and max.")
        elif any(band.get("min", 0) > band.get("max", 100) for band in self.iga_bands):
            errors["iga_bands"] = _("In every band, “from” must not be above “to”.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def open_defaults(cls, today):
        """Dates around `today` so the cycle is open for work (a demo of the current year)."""
        return {
            "submission_opens": today - datetime.timedelta(days=90),
            "submission_deadline": today + datetime.timedelta(days=60),
            "curation_deadline": today + datetime.timedelta(days=90),
            "agreement_deadline": today + datetime.timedelta(days=30),
            "launch_date": today + datetime.timedelta(days=120),
            # The demo's open cycle shows the unit head's approval step (issue 16).
            "head_approval_required": True,
        }

    @classmethod
    def defaults_for_year(cls, year):
        """Dates following Banjar's observed calendar (agreement in Feb, launch in December)."""
        return {
            "submission_opens": datetime.date(year, 1, 15),
            "submission_deadline": datetime.date(year, 9, 30),
            "curation_deadline": datetime.date(year, 11, 15),
            "agreement_deadline": datetime.date(year, 2, 28),
            "launch_date": datetime.date(year, 12, 11),
        }


_BY_YEAR = PreparedGet(Cycle, lambda year: Cycle.objects.filter(year=year), year=int)
_YEARS = PreparedRows(Cycle, lambda: Cycle.objects.order_by("-year").values_list("year"))


def cycle_years():
    """Every cycle's year, newest first: the year pickers of the pages (SQL compiled once)."""
    return [year for (year,) in _YEARS.rows()]


class DeadlineExtension(models.Model):
    """An admin's permission for one unit to submit after the cycle's deadline.

    With no unit it covers community (masyarakat) entries.
    """

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="deadline_extensions"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_extensions",
        help_text=_("Empty: community (masyarakat) entries."),
    )
    until = models.DateField(_("submissions allowed until"))
    reason = models.TextField(_("reason"), blank=True)
    granted_by = recorded_user(_("granted by"))
    granted_at = models.DateTimeField(_("granted at"), default=timezone.now)

    class Meta:
        ordering = ["-until"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self):
        return f"{self.cycle} {self.unit or _('community')} -> {self.until}"

    def clean(self):
        super().clean()
        if self.cycle_id and self.until and self.until < self.cycle.submission_deadline:
            raise ValidationError(
                {"until": _("An extension must end after the cycle's submission deadline.")}
            )
