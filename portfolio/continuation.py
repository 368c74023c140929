"""Continuing an innovation into the open cycle, and reusing its earlier evidence.

Most innovations go on from one year to the next. Continuing one creates this year's entry as a
draft (the unit completes and submits it like any other), prefilled from the newest entry of its
lineage and linked to it (`Innovation.predecessor`; the earlier entry lists it among its
`successors`). Earlier evidence is offered for reuse: a reused file is a second attachment row
pointing at the same stored file, never a second copy on disk.
"""

from types import SimpleNamespace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations import lineage
from innovations.checks import deadline_errors, region_today
from innovations.enums import EDITABLE_STATUSES
from innovations.models import PROFILE_FIELDS, Attachment, Cycle, Innovation
from innovations.rules import is_innovation_owner
from innovations.services import innovation_create
from innovations.versions import diff_versions, profile_data
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .rules import may_continue


def open_cycle(innovation, today=None):
    """The cycle taking entries today for this innovation's unit, or None."""
    today = today or region_today()
    cycle = Cycle.objects.current(today)
    if cycle is None or cycle.submission_opens > today:
        return None
    probe = Innovation(cycle=cycle, unit_id=innovation.unit_id)
    return None if deadline_errors(probe, today) else cycle


def continuation_target(innovation, user, today=None, entries=None):
    """(cycle, None) when `user` may continue the innovation now, else (None, the reason).

    `entries`: the innovation's whole lineage where the caller has it already (not walked again).
    """
    if not may_continue(user, innovation):
        return None, _("Only the innovation's own unit can continue it.")
    cycle = open_cycle(innovation, today)
    if cycle is None:
        return None, _("No cycle is taking entries at the moment.")
    if entries is None:
        entries = lineage.lineage(innovation)
    if innovation.year >= cycle.year or any(e.year >= cycle.year for e in entries):
        same = next((e for e in entries if e.year == cycle.year), None)
        if same is not None and same.pk == innovation.pk:
            # The newest entry itself: nothing continues it, and nothing to tell.
            return None, _("This is the innovation's %(year)s entry.") % {"year": cycle.year}
        if same is not None:
            return None, _("It is already continued into %(year)s as %(code)s.") % {
                "year": cycle.year,
                "code": same.code,
            }
        return None, _("Only an innovation of an earlier year can be continued into %(year)s.") % {
            "year": cycle.year
        }
    return cycle, None


def _prefill(source):
    fields = {name: getattr(source, name) for name in PROFILE_FIELDS}
    fields["innovators"] = [{"name": i.name, "nip": i.nip} for i in source.innovators.all()]
    fields["partners"] = [
        {"actor": p.actor, "name": p.name, "role": p.role} for p in source.partners.all()
    ]
    submitter = getattr(source, "community_submitter", None) if source.unit_id is None else None
    if submitter is not None:
        fields["community_submitter"] = {
            "name": submitter.name,
            "email": submitter.email,
            "phone": submitter.phone,
            "village": submitter.village,
        }
    return fields


@transaction.atomic
def innovation_continue(*, innovation, by, today=None):
    """This year's entry of `innovation`: a draft prefilled from the newest entry of its
    lineage and linked to it. Refused (403) to anyone but its unit (curators and admins for a
    community entry); 400 when no cycle is open or the lineage already has this year's entry.
    """
    if not may_continue(by, innovation):
        raise Refused(_("Only the innovation's own unit can continue it."))
    source = lineage.latest(innovation)
    # Two continuations at once: the second waits here and then finds the first one's entry.
    source = Innovation.objects.select_for_update(of=("self",)).get(pk=source.pk)
    # Asked of the entry the user continues (its lineage is the source's): continuing an earlier
    # year names the entry that already continues it.
    cycle, reason = continuation_target(innovation, by, today)
    if cycle is None:
        raise InvalidInput({"year": [reason]})
    source = Innovation.objects.select_related("unit", "community_submitter").get(pk=source.pk)
    fields = _prefill(source)
    created = innovation_create(by=by, cycle=cycle, unit=source.unit, **fields)
    created.predecessor = source
    created.save(update_fields=["predecessor"])
    return created


def reusable_evidence(innovation):
    """Attachments of the innovation's earlier years, newest year first, each with `reused`
    set when this entry already holds its file."""
    earlier = [e.pk for e in lineage.ancestors(innovation)]
    if not earlier:
        return []
    held = set(innovation.attachments.values_list("file", flat=True))
    found = list(
        Attachment.objects.filter(innovation_id__in=earlier)
        .select_related("innovation")
        .order_by("-innovation__year", "uploaded_at", "id")
    )
    for attachment in found:
        attachment.reused = attachment.file.name in held
    return found


@transaction.atomic
def evidence_reuse(*, innovation, attachment_ids, by):
    """Attach files of earlier years to this (editable) entry, without copying them.

    Files already attached are skipped; ids that are not evidence of an earlier year of this
    innovation are refused (400), so no file of another innovation can be borrowed.
    """
    if not is_innovation_owner(by, innovation):
        raise Refused(_("Only the innovation's own unit can add evidence."))
    locked = Innovation.objects.select_for_update(of=("self",)).get(pk=innovation.pk)
    if locked.status not in EDITABLE_STATUSES:
        raise StateConflict(
            _("Evidence can be added only in draft or after a revision request."),
            status=locked.status,
            allowed_actions=allowed_actions(locked, by),
        )
    offered = {a.pk: a for a in reusable_evidence(locked)}
    wanted = list(dict.fromkeys(int(pk) for pk in attachment_ids))
    unknown = [pk for pk in wanted if pk not in offered]
    if unknown or not wanted:
        raise InvalidInput({"attachments": [_("Choose files of this innovation's earlier years.")]})
    now = timezone.now()
    added = []
    for pk in wanted:
        source = offered[pk]
        if source.reused:
            continue
        attachment = Attachment(
            innovation=locked,
            kind=source.kind,
            indicator=source.indicator,
            lab_stage=source.lab_stage,
            file=source.file.name,  # the same stored file: no copy is written
            filename=source.filename,
            size=source.size,
            content_type=source.content_type,
            uploaded_by=by,
            uploaded_at=now,
        )
        attachment.save()
        source.reused = True
        added.append(attachment)
    return added


def changes_since_approved(innovation):
    """(the previous year's approved entry, [changes]) of the innovation's profile.

    The earlier side is the profile as curation approved it (its last submitted version; an
    imported entry has none and is compared as stored); the later side is this entry as it is
    now. (None, []) for an innovation without an approved earlier year.
    """
    previous = lineage.previous_approved(innovation)
    if previous is None:
        return None, []
    previous = Innovation.objects.get(pk=previous.pk)
    version = previous.versions.order_by("-created_at", "-id").first()
    older = version or SimpleNamespace(data=profile_data(previous))
    newer = SimpleNamespace(data=profile_data(innovation))
    return previous, diff_versions(older, newer)
