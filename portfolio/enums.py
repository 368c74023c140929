"""Choices of the portfolio app (values are stable; labels are translated)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DecreeKind(models.TextChoices):
    BUPATI = "bupati", _("Regent's decree (SK Bupati)")
    AGENCY_HEAD = "agency_head", _("Agency head's decree (SK Kepala Perangkat Daerah)")
    OTHER = "other", _("Other decree or regulation")


class DecreeState(models.TextChoices):
    PENDING = "pending", _("Not yet in force")
    VALID = "valid", _("In force")
    EXPIRING = "expiring", _("Expires soon")
    EXPIRED = "expired", _("Expired")


class AdopterKind(models.TextChoices):
    UNIT = "unit", _("Another unit of Banjar")
    REGION = "region", _("Another region")


class MonitoringMethod(models.TextChoices):
    INTERNAL = "internal", _("Internal monitoring report")
    SURVEY = "survey", _("Satisfaction survey (SKM)")
    EXTERNAL = "external", _("External, research-based evaluation")


class ObligationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    DUE = "due", _("Due")
    OVERDUE = "overdue", _("Overdue")
    SUBMITTED = "submitted", _("Submitted")


class ImportStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RowOutcome(models.TextChoices):
    CREATED = "created", _("New")
    EXISTING = "existing", _("Already imported")
    REFUSED = "refused", _("Refused")


# The IID indicators a decree can be evidence of (iid_indicators.csv): 16 the innovation's
# regulation (SK Kepala Daerah or SK Kepala PD), 17 the decree of the team, 23 the implementer.
DECREE_INDICATORS = (16, 17, 23)
