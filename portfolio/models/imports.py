"""Import jobs of the legacy archive: the uploaded file, its progress and every row's outcome."""

import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from innovations.enums import ARCHIVE_STATUSES, Status
from innovations.import_columns import VALUE_ALIASES, normalise_header
from innovations.models import Innovation
from intan_banjar.choices import ChoiceLabels

from ..enums import ImportStatus, RowOutcome


def import_upload_to(instance, filename):
    """A random name: the original one lives in `filename`."""
    return f"imports/{timezone.now():%Y}/{uuid.uuid4().hex}"


class LegacyImport(ChoiceLabels, models.Model):
    """One pass over an uploaded file: a dry run (the preview) or the import itself.

    The import of a previewed file is a second job on the same stored file (`preview`).
    """

    file = models.FileField(_("file"), upload_to=import_upload_to, max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    dry_run = models.BooleanField(_("dry run"), default=True)
    preview = models.ForeignKey(
        "self",
        verbose_name=_("preview"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.PENDING
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    created_count = models.PositiveIntegerField(_("new"), default=0)
    existing_count = models.PositiveIntegerField(_("already imported"), default=0)
    refused_count = models.PositiveIntegerField(_("refused"), default=0)
    ignored_columns = models.JSONField(_("ignored columns"), default=list, blank=True)
    cycles_created = models.JSONField(_("cycles created"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    language = models.CharField(_("language"), max_length=10, default="id")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("legacy archive import")
        verbose_name_plural = _("legacy archive imports")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def progress(self):
        if self.status == ImportStatus.DONE:
            return 100
        if not self.rows_total:
            return 0
        return min(99, round(100 * self.rows_done / self.rows_total))

    @property
    def finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)

    @property
    def can_import(self):
        """A finished preview with rows to store, not imported yet."""
        return (
            self.dry_run
            and self.status == ImportStatus.DONE
            and self.created_count > 0
            and not self.imports.exists()
        )


class LegacyImportRow(ChoiceLabels, models.Model):
    job = models.ForeignKey(
        LegacyImport, verbose_name=_("import"), on_delete=models.CASCADE, related_name="rows"
    )
    number = models.PositiveIntegerField(_("row"))
    title = models.CharField(_("innovation name"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    status = models.CharField(_("final status"), max_length=20, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=RowOutcome.choices)
    code = models.CharField(_("code"), max_length=20, blank=True)
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    errors = models.JSONField(_("errors"), default=dict, blank=True)

    class Meta:
        ordering = ["job", "number"]
        verbose_name = _("imported row")
        verbose_name_plural = _("imported rows")
        indexes = [models.Index(fields=["job", "outcome", "number"], name="portfolio_row_outcome")]

    def __str__(self):
        return f"{self.job_id}:{self.number} {self.outcome}"

    @property
    def status_label(self):
        """The final status as people read it, also when the row was refused before its status
        was read ("diluncurkan"); a value that is no final status, as the sheet wrote it."""
        word = normalise_header(self.status)
        word = VALUE_ALIASES["status"].get(word, word)
        return Status(word).label if word in ARCHIVE_STATUSES else self.status

    @property
    def reasons(self):
        """The errors in the reader's language: {field: [message]}."""
        return {
            field: [shown_reason(message) for message in messages]
            for field, messages in (self.errors or {}).items()
        }

    @property
    def messages(self):
        """The errors as readable lines ("Field label: message", or the message alone)."""
        return [
            message if field == "__all__" else f"{capfirst(column_label(field))}: {message}"
            for field, messages in self.reasons.items()
            for message in messages
        ]


def shown_reason(message):
    """One stored reason in the active language: {language: text} (`legacy._in_every_language`),
    or the plain text that rows stored before kept in the language of their import."""
    if not isinstance(message, dict):
        return message
    language = get_language() or settings.LANGUAGE_CODE
    for code in (language, language.split("-")[0], settings.LANGUAGE_CODE):
        if message.get(code):
            return message[code]
    return next(iter(message.values()), "")


COLUMN_LABELS = {
    "year": _("Year"),
    "status": _("Final status"),
    "unit": _("Unit"),
    "legacy_id": _("Identifier in the old application"),
    "innovators": _("Innovators"),
    "partners": _("Partners"),
    "community_submitter": _("Community submitter"),
}


def column_label(field):
    """The label people read for a column of the sheet (the model's, translated)."""
    if field in COLUMN_LABELS:
        return str(COLUMN_LABELS[field])
    try:
        return str(Innovation._meta.get_field(field).verbose_name)
    except FieldDoesNotExist:
        return field
