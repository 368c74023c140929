"""Writes of cycles: one path for the API (`CycleViewSet`) and the portal's cycle pages
(`cycle_admin`), so the date-order and settings rules (`Cycle.clean`) hold on both."""

from django.db import transaction
from django.utils.translation import gettext as _

from intan_banjar.exceptions import Refused

from .models import Cycle
from .rules import may_manage_cycles


def _require_manager(by):
    if not may_manage_cycles(by):
        raise Refused(_("Only an administrator can create or change a cycle."))


@transaction.atomic
def cycle_create(*, by, **fields) -> Cycle:
    """A new programme year. Without IGA bands it gets its year's published ones (iga.apps)."""
    _require_manager(by)
    cycle = Cycle(**fields)
    cycle.full_clean()
    cycle.save()
    return cycle


@transaction.atomic
def cycle_update(*, cycle: Cycle, by, **fields) -> Cycle:
    """Change a cycle's dates or settings; its year, which records are filed under, stays."""
    _require_manager(by)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    fields.pop("year", None)
    for name, value in fields.items():
        setattr(cycle, name, value)
    cycle.full_clean()
    cycle.save()
    return cycle
