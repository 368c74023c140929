"""The innovation profile and what hangs off it: people, partners, community submitter, evidence.

Its status history is in `history`, its code in `codes` and its cycle in `cycles`; every model is
importable from here.

Three axes stay separate and are never folded into one field: the curation `status`, the
`maturity` (tahapan) and the Laboratorium Inovasi `lab_stage`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from accounts.models import Unit, nip_validator
from intan_banjar.choices import ChoiceLabels

from .codes import InnovationCodeCounter, allocate_codes, reserve_code
from .cycles import Cycle, DeadlineExtension
from .enums import (
    AttachmentKind,
    Form,
    HelixActor,
    Initiator,
    InnovationType,
    LabStage,
    Maturity,
    Origin,
    SourceCategory,
    Status,
    lab_stage_index,
)
from .held import DecisionPublication, HeldDecision
from .history import ProfileVersion, TransitionLog
from .innovator_names import InnovatorNames
from .querysets import InnovationQuerySet

__all__ = [
    "Attachment",
    "CommunitySubmitter",
    "Cycle",
    "DeadlineExtension",
    "DecisionPublication",
    "HeldDecision",
    "Innovation",
    "InnovationCodeCounter",
    "Innovator",
    "InnovatorNames",
    "LabStageRecord",
    "Partner",
    "ProfileVersion",
    "TransitionLog",
    "allocate_codes",
    "reserve_code",
]

# First IID indicator scored per innovation and the last one (DOMAIN.md: indicators 16-35).
INDICATOR_MIN, INDICATOR_MAX = 16, 35


def validate_string_list(value):
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(_("Give a list of non-empty texts."))


# The profile fields a user types, in the national IID form's order (everything else is derived
# or belongs to the workflow). Services, snapshots, serializers and forms all read this list.
PROFILE_FIELDS = (
    "title",
    "origin",
    "form",
    "type",
    "initiator",
    "maturity",
    "trial_date",
    "implementation_date",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
    "results",
    "budget",
    "budget_source",
    "video_url",
    "affairs",
    "tags",
)


class Innovation(ChoiceLabels, models.Model):
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="innovations"
    )
    # The cycle's year, copied when the innovation is created (it never moves to another cycle)
    # so the catalogue and year filters sort and filter on an indexed column of this table.
    year = models.PositiveSmallIntegerField(_("year"), editable=False, db_index=True)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="innovations",
        help_text=_("Empty for a community (masyarakat) innovation."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    title = models.CharField(_("innovation name"), max_length=255)
    source_category = models.CharField(
        _("source category"),
        max_length=20,
        choices=SourceCategory.choices,
        editable=False,
        db_index=True,
    )
    origin = models.CharField(_("origin"), max_length=30, choices=Origin.choices, blank=True)
    form = models.CharField(_("form (bentuk)"), max_length=30, choices=Form.choices, blank=True)
    type = models.CharField(
        _("type (jenis)"), max_length=20, choices=InnovationType.choices, blank=True
    )
    initiator = models.CharField(
        _("initiator"), max_length=30, choices=Initiator.choices, blank=True
    )
    maturity = models.CharField(
        _("maturity (tahapan)"), max_length=20, choices=Maturity.choices, blank=True
    )
    lab_stage = models.CharField(
        _("Laboratorium Inovasi stage"), max_length=20, choices=LabStage.choices, blank=True
    )
    trial_date = models.DateField(_("trial date"), null=True, blank=True)
    implementation_date = models.DateField(_("implementation date"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    problem = models.TextField(_("problem (latar belakang)"), blank=True)
    design = models.TextField(
        _("design and main changes (rancang bangun)"),
        blank=True,
        help_text=_("At least 300 words before the innovation can be submitted."),
    )
    goals = models.TextField(_("goals (tujuan)"), blank=True)
    benefits = models.TextField(_("benefits (manfaat)"), blank=True)
    results = models.TextField(_("results (hasil)"), blank=True)
    budget = models.PositiveBigIntegerField(_("budget (rupiah)"), null=True, blank=True)
    budget_source = models.CharField(_("budget source"), max_length=200, blank=True)
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    affairs = models.JSONField(
        _("government affairs"),
        default=list,
        blank=True,
        validators=[validate_string_list],
        help_text=_("The first one is the primary affair."),
    )
    tags = models.JSONField(
        _("thematic tags"), default=list, blank=True, validators=[validate_string_list]
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_by = recorded_user(_("created by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)
    # The same innovation in an earlier cycle, when this entry continues it (lineage both ways:
    # `predecessor` and `successors`). Set when the entry is created, never changed.
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("continues"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    # The stable key of a row of the legacy archive this entry was imported from (empty for
    # everything entered in the portal): a second import of the same row finds it here.
    import_key = models.CharField(
        _("legacy archive key"), max_length=64, null=True, blank=True, unique=True, editable=False
    )

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("innovation")
        verbose_name_plural = _("innovations")
        indexes = [
            # The launch report lists a year's launched innovations from this index alone
            # (an index-only scan: 10 ms instead of 130 ms reading 18,000 heap pages at 48,000
            # rows); the key is the one the counts by cycle and status need.
            models.Index(
                fields=["cycle", "status"],
                include=[
                    "id",
                    "unit",
                    "source_category",
                    "code",
                    "title",
                    "origin",
                    "form",
                    "maturity",
                    "lab_stage",
                ],
                name="innovation_cycle_status",
            ),
            models.Index(fields=["unit", "cycle"], name="innovation_unit_cycle"),
            # The innovation exports list by year and code: read in this order, 100,000 rows
            # need no sort (it spilled 21 MB to disk) and arrive as PostgreSQL reads them.
            models.Index(fields=["year", "code"], name="innovation_year_code"),
            # Compliance counts a cycle's innovations per unit and status from this index alone.
            models.Index(fields=["cycle", "unit", "status"], name="innovation_compliance"),
            # The public catalogue: launched innovations, newest year first, by title.
            models.Index(
                F("year").desc(),
                "title",
                "id",
                condition=Q(status="launched"),
                name="innovation_catalogue",
            ),
            # The curation queue: waiting innovations of a cycle, oldest submitted first. The
            # review round rides along (a key column, not INCLUDE, which SQLite lacks) so a
            # curator's progress (their assignments joined to the queue's current rounds) is
            # answered from the index alone.
            models.Index(
                "cycle",
                "submitted_at",
                "id",
                "review_round",
                condition=Q(status__in=["submitted", "in_review"]),
                name="innovation_queue",
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.title}" if self.code else self.title

    def save(self, *args, **kwargs):
        self.source_category = self.derive_source_category()
        if self.year is None or self._state.adding:
            self.year = self.cycle.year
        if not self.code:
            self.code = allocate_codes(self.cycle.year)[0]
        elif self._state.adding:
            reserve_code(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "unit" in update_fields:
            kwargs["update_fields"] = {*update_fields, "source_category"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if (
            self.trial_date
            and self.implementation_date
            and self.implementation_date < self.trial_date
        ):
            raise ValidationError(
                {
                    "implementation_date": _(
                        "The implementation date cannot be before the trial date."
                    )
                }
            )

    def derive_source_category(self):
        return self.unit.kind if self.unit_id else SourceCategory.MASYARAKAT

    @property
    def is_imported(self):
        """Imported from the legacy archive (the regency's earlier spreadsheets)."""
        return bool(self.import_key)


class Innovator(models.Model):
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="innovators")
    name = models.CharField(_("name"), max_length=200)
    nip = models.CharField(_("NIP"), max_length=18, blank=True, validators=[nip_validator])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("innovator")
        verbose_name_plural = _("innovators")

    def __str__(self):
        return self.name


class Partner(ChoiceLabels, models.Model):
    """A hexa-helix partner of the innovation."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="partners")
    actor = models.CharField(_("actor type"), max_length=20, choices=HelixActor.choices)
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self):
        return self.name


class CommunitySubmitter(models.Model):
    """Contact of a masyarakat entry: shown to curators and admins, never publicly."""

    innovation = models.OneToOneField(
        Innovation, on_delete=models.CASCADE, related_name="community_submitter"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    village = models.CharField(_("village / district"), max_length=200, blank=True)
    email_confirmed_at = models.DateTimeField(_("e-mail confirmed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("community submitter")
        verbose_name_plural = _("community submitters")

    def __str__(self):
        return self.name


class LabStageRecord(ChoiceLabels, models.Model):
    """One step of Laboratorium Inovasi progress: reached `stage` on `reached_on`.

    Append-only: a move back (admins only) is a record too, with `previous_stage` after `stage`.
    """

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="stage_records"
    )
    stage = models.CharField(_("stage"), max_length=20, choices=LabStage.choices)
    previous_stage = models.CharField(
        _("previous stage"), max_length=20, choices=LabStage.choices, blank=True
    )
    reached_on = models.DateField(_("reached on"))
    recorded_by = recorded_user(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("Laboratorium Inovasi stage record")
        verbose_name_plural = _("Laboratorium Inovasi stage records")

    def __str__(self):
        return f"{self.get_stage_display()} {self.reached_on}"

    @property
    def is_move_back(self):
        return bool(self.previous_stage) and lab_stage_index(self.stage) < lab_stage_index(
            self.previous_stage
        )


def attachment_upload_to(instance, filename):
    """A random name without the user's extension: the original name lives in `filename`."""
    return f"attachments/{timezone.now():%Y}/{uuid.uuid4().hex}"


class Attachment(ChoiceLabels, models.Model):
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(
        _("kind"), max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.OTHER
    )
    indicator = models.PositiveSmallIntegerField(
        _("IID indicator"),
        null=True,
        blank=True,
        validators=[MinValueValidator(INDICATOR_MIN), MaxValueValidator(INDICATOR_MAX)],
    )
    lab_stage = models.CharField(
        _("Laboratorium Inovasi stage"), max_length=20, choices=LabStage.choices, blank=True
    )
    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=200)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=120)
    uploaded_by = recorded_user(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.filename
