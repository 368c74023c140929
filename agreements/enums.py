"""Agreement states, the derived fulfilment and the compliance colours (values are API names)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgreementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SIGNED = "signed", _("Signed")
    VERIFIED = "verified", _("Verified")


# A commitment counts as made once the head has signed (verification only checks the paper).
SIGNED_STATUSES = frozenset({AgreementStatus.SIGNED, AgreementStatus.VERIFIED})


class Fulfilment(models.TextChoices):
    """Derived at the end of a cycle from the unit's innovations; never stored."""

    FULFILLED = "fulfilled", _("Fulfilled")
    NOT_FULFILLED = "not_fulfilled", _("Not fulfilled")


class AgreementAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    SIGN = "sign", _("Signed")
    SIGN_ON_BEHALF = "sign_on_behalf", _("Paper signature recorded")
    VERIFY = "verify", _("Verified")
    REJECT = "reject", _("Sent back to draft")


class Colour(models.TextChoices):
    GREEN = "green", _("Commitment met")
    AMBER = "amber", _("Signed, not yet met")
    RED = "red", _("Not signed or not met")


# The compliance colours as agreements.css draws them (`.compliance-<value> .compliance-dot`);
# the region's compliance chart uses the same values (tests/reports/test_chart_colours.py).
COMPLIANCE_COLOURS = {
    Colour.GREEN: "#1e8e3e",
    Colour.AMBER: "#f2a600",
    Colour.RED: "#c5221f",
}
