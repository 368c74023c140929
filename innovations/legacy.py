"""The legacy archive: innovations of earlier years, brought in with their final status.

Banjar kept its innovations in spreadsheets (and the older Intan Bakilau application) before the
portal. An archived entry is created as it ended: launched, approved or rejected, never as a
draft to curate again. Each carries the stable key of its row (`Innovation.import_key`), so a
second import of the same row finds it instead of creating it twice, and a history entry saying
where it came from.
"""

import datetime
import hashlib
import re

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_admin
from intan_banjar.exceptions import InvalidInput, Refused

from .enums import ARCHIVE_STATUSES, HistoryAction, Status
from .models import Innovation, TransitionLog
from .services import EDITABLE_FIELDS, _replace_related, _validate

KEY_PREFIX_ID = "id:"
KEY_PREFIX_DERIVED = "row:"


def _normal(text):
    return re.sub(r"\s+", " ", str(text or "").strip().casefold())


def archive_key(*, year, unit_code, title, legacy_id=""):
    """The row's stable key: its identifier in the old system when the sheet has one, else the
    year, the unit (or "masyarakat") and the name, normalised (case and spaces do not matter).

    A hash keeps the key short and the same whatever the row's other columns say, so a corrected
    summary in a second import does not make a second innovation.
    """
    if str(legacy_id or "").strip():
        basis = KEY_PREFIX_ID + _normal(legacy_id)
    else:
        basis = KEY_PREFIX_DERIVED + "|".join(
            [str(year or ""), _normal(unit_code) or "masyarakat", _normal(title)]
        )
    return hashlib.sha256(basis.encode()).hexdigest()[:40]


def archived(key):
    return Innovation.objects.filter(import_key=key).first()


def _decided_at(cycle):
    day = cycle.launch_date or datetime.date(cycle.year, 12, 31)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@transaction.atomic
def innovation_import_archived(
    *,
    by,
    cycle,
    status,
    key,
    source,
    unit=None,
    innovators=None,
    partners=None,
    community_submitter=None,
    lab_stage="",
    **fields,
):
    """Create one archived entry with its final status, or return the one its key already made.

    Returns (innovation, created). Administrators only: the archive is the region's record, not
    a unit's draft. The profile is checked like any other (`innovations.services`), except the
    300-word design, which older records rarely have: they were never submitted here.
    """
    if not is_admin(by):
        raise Refused(_("Only an administrator can import the legacy archive."))
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    if status not in ARCHIVE_STATUSES:
        raise InvalidInput(
            {
                "status": [
                    _("The final status must be one of: %(allowed)s.")
                    % {"allowed": ", ".join(str(s.label) for s in ARCHIVE_STATUSES)}
                ]
            }
        )
    existing = archived(key)
    if existing is not None:
        return existing, False
    if unit is None and not community_submitter:
        raise InvalidInput(
            {"community_submitter": [_("A community innovation needs its submitter.")]}
        )
    if unit is not None and community_submitter:
        raise InvalidInput(
            {"community_submitter": [_("Only a community innovation has a community submitter.")]}
        )
    decided = _decided_at(cycle)
    innovation = Innovation(
        cycle=cycle,
        unit=unit,
        status=status,
        import_key=key,
        lab_stage=lab_stage or "",
        created_by=by,
        submitted_at=decided,
        decided_at=decided,
        **fields,
    )
    built = _validate(innovation, innovators, partners, community_submitter)
    try:
        with transaction.atomic():
            innovation.save()
    except IntegrityError:
        # The same key committed by a concurrent import: that one is the entry.
        found = archived(key)
        if found is None:
            raise
        return found, False
    _replace_related(innovation, built, new=True)  # just created: nothing to delete
    TransitionLog.objects.create(
        innovation=innovation,
        at=timezone.now(),
        actor=by,
        action=HistoryAction.IMPORT,
        from_status=status,
        to_status=status,
        note=_("Imported from the legacy archive with the final status “%(status)s” (%(source)s).")
        % {"status": Status(status).label, "source": source},
    )
    return innovation, True
