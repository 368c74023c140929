"""Choices of the IGA readiness app."""

from django.db import models
from django.utils.translation import gettext_lazy as _

LEVELS = (0, 1, 2, 3)
MAX_LEVEL = 3
# The numbers an edition may give its indicators. The 2023 and 2025 editions number the region
# part 1-15 and the innovation part 16-35 (DOMAIN.md); a later edition may add numbers.
INDICATOR_NUMBERS = range(1, 100)
# Innovation indicators (16-35) and region indicators (1-15) as DOMAIN.md numbers them: the
# shipped editions' numbering, and the range attachments can be tagged with.
INNOVATION_INDICATORS = range(16, 36)
REGION_INDICATORS = range(1, 16)


class NationalStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    REJECTED = "rejected_by_verification", _("Rejected by the national verification")
    ACCEPTED = "accepted", _("Accepted")


class Part(models.TextChoices):
    """The two parts of the index (Kemendagri's method): the region's own indicators (satuan
    pemerintahan daerah, SPD) and the reported innovations (satuan inovasi daerah, SID)."""

    REGION = "region", _("Region part (SPD)")
    INNOVATION = "innovation", _("Innovation part (SID)")


class Predicate(models.TextChoices):
    """The IGA predicates; the bands of a cycle map index ranges onto them."""

    SANGAT_INOVATIF = "sangat_inovatif", _("Sangat Inovatif")
    INOVATIF = "inovatif", _("Inovatif")
    KURANG_INOVATIF = "kurang_inovatif", _("Kurang Inovatif")
    DISCLAIMER = "disclaimer", _("Tidak Dapat Dinilai")


# Lowest first: the planner's "next band" walks up this order.
PREDICATE_ORDER = [
    Predicate.DISCLAIMER,
    Predicate.KURANG_INOVATIF,
    Predicate.INOVATIF,
    Predicate.SANGAT_INOVATIF,
]
