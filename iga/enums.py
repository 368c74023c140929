"""Choices of the IGA readiness app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = (0, 1, 2, 3)
MAX_LEVEL = 3
# Innovation indicators (16-35) and region indicators (1-15) as DOMAIN.md numbers them.
INNOVATION_INDICATORS = range(16, 36)
REGION_INDICATORS = range(1, 16)


class NationalStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    REJECTED = "rejected_by_verification", _("Rejected by the national verification")
    ACCEPTED = "accepted", _("Accepted")
