"""Enumerations of API.md: values are stable, labels are translated."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AWAITING_HEAD = "awaiting_head", _("Awaiting the unit head")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    REVISION_REQUESTED = "revision_requested", _("Revision requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    LAUNCHED = "launched", _("Launched")


# Grouped states, used by rules, queues, compliance and reports.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.REVISION_REQUESTED})
CURATION_QUEUE_STATUSES = frozenset({Status.SUBMITTED, Status.IN_REVIEW})
# Statuses that count as "submitted" for a unit's commitment (it reached Bappedalitbang).
SUBMITTED_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.REVISION_REQUESTED,
        Status.APPROVED,
        Status.LAUNCHED,
    }
)
APPROVED_STATUSES = frozenset({Status.APPROVED, Status.LAUNCHED})
CLOSED_STATUSES = frozenset({Status.REJECTED, Status.WITHDRAWN})


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submit")
    START_REVIEW = "start_review", _("Start review")
    REQUEST_REVISION = "request_revision", _("Request revision")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    LAUNCH = "launch", _("Launch")
    REOPEN = "reopen", _("Reopen")
    RETURN_TO_OPERATOR = "return_to_operator", _("Return to the operator")


class HistoryAction(models.TextChoices):
    """What a history entry records: a workflow action, or the import of an archived entry.

    An import is not an action anyone can take on an innovation (it is not in the workflow's
    table); it records that the entry came into the portal with its final status already set.
    """

    SUBMIT = "submit", _("Submit")
    START_REVIEW = "start_review", _("Start review")
    REQUEST_REVISION = "request_revision", _("Request revision")
    APPROVE = "approve", _("Approve")
    REJECT = "reject", _("Reject")
    WITHDRAW = "withdraw", _("Withdraw")
    LAUNCH = "launch", _("Launch")
    REOPEN = "reopen", _("Reopen")
    RETURN_TO_OPERATOR = "return_to_operator", _("Return to the operator")
    IMPORT = "import", _("Imported from the legacy archive")


# The final statuses an entry of the legacy archive may be imported with.
ARCHIVE_STATUSES = (Status.LAUNCHED, Status.APPROVED, Status.REJECTED)


class SourceCategory(models.TextChoices):
    PERANGKAT_DAERAH = "perangkat_daerah", _("Regional agency")
    KECAMATAN = "kecamatan", _("District")
    PUSKESMAS = "puskesmas", _("Community health centre")
    KELURAHAN = "kelurahan", _("Urban village")
    DESA = "desa", _("Village")
    MASYARAKAT = "masyarakat", _("Community")


class Origin(models.TextChoices):
    LABORATORIUM_INOVASI = "laboratorium_inovasi", _("Laboratorium Inovasi")
    PKP = "pkp", _("PKP (supervisor leadership training)")
    PKA = "pka", _("PKA (administrator leadership training)")
    KOMPETISI = "kompetisi", _("Competition")
    MANDIRI = "mandiri", _("Independent")
    MASYARAKAT = "masyarakat", _("Community")


class Form(models.TextChoices):
    TATA_KELOLA = "tata_kelola", _("Governance")
    PELAYANAN_PUBLIK = "pelayanan_publik", _("Public service")
    LAINNYA = "lainnya", _("Other")


class InnovationType(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    NON_DIGITAL = "non_digital", _("Non-digital")


class Initiator(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Regional head")
    ANGGOTA_DPRD = "anggota_dprd", _("DPRD member")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Regional agency")
    ASN = "asn", _("Civil servant")
    MASYARAKAT = "masyarakat", _("Community")


class Maturity(models.TextChoices):
    INISIATIF = "inisiatif", _("Initiative")
    UJI_COBA = "uji_coba", _("Trial")
    PENERAPAN = "penerapan", _("Implementation")


class LabStage(models.TextChoices):
    DRUM_UP = "drum_up", _("Drum Up")
    DIAGNOSE = "diagnose", _("Diagnose")
    DESIGN = "design", _("Design")
    DELIVER = "deliver", _("Deliver")
    DISPLAY = "display", _("Display")


class HelixActor(models.TextChoices):
    PEMERINTAH = "pemerintah", _("Government")
    SWASTA = "swasta", _("Private sector")
    AKADEMISI = "akademisi", _("Academia")
    MASYARAKAT = "masyarakat", _("Community")
    NGO = "ngo", _("NGO")
    MEDIA = "media", _("Media")


class AttachmentKind(models.TextChoices):
    REGULATION = "regulation", _("Decree / regulation")
    PHOTO = "photo", _("Photo")
    REPORT = "report", _("Report")
    BUDGET = "budget", _("Budget extract")
    MANUAL = "manual", _("Manual")
    VIDEO = "video", _("Video")
    OTHER = "other", _("Other")


# Laboratorium Inovasi stages whose evidence the unit may add in each status (DOMAIN.md): all of
# them while the profile is its workspace; none while curators judge it or once it is closed;
# after approval the innovation is implemented and trialled (Deliver) and prepared for the launch
# (Display); after the launch only Display (launch record, poster, video, publication) goes on.
STAGE_EVIDENCE_OPEN = {
    Status.DRAFT: frozenset(LabStage.values),
    Status.REVISION_REQUESTED: frozenset(LabStage.values),
    Status.APPROVED: frozenset({LabStage.DELIVER, LabStage.DISPLAY}),
    Status.LAUNCHED: frozenset({LabStage.DISPLAY}),
}

# Laboratorium Inovasi stages in the order they are reached.
LAB_STAGE_ORDER = [stage.value for stage in LabStage]


def lab_stage_index(stage):
    """Position of a stage in the method (-1 for none), to tell a move forward from a move back."""
    return LAB_STAGE_ORDER.index(stage) if stage else -1
