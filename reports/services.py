"""Writes of the reports app: launch events and background exports."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.rules import is_admin
from innovations.enums import Action
from innovations.models import Innovation
from innovations.services import innovation_transition
from innovations.workflow import TransitionNotAllowed

from .models import ExportJob, LaunchEvent


@transaction.atomic
def launch_event_create(*, cycle, name, date, venue="", by):
    if not is_admin(by):
        raise PermissionDenied(_("Only administrators manage launch events."))
    if LaunchEvent.objects.filter(cycle=cycle).exists():
        raise ValidationError({"year": [_("This cycle already has a launch event.")]})
    return LaunchEvent.objects.create(cycle=cycle, name=name, date=date, venue=venue, created_by=by)


def launch_event_add_innovations(*, event, innovation_ids, by):
    """Launch each approved innovation of the event's cycle; report the others back, unmoved.

    Each item runs in its own transaction through the workflow function, so one refusal does not
    undo the others and every launch is logged like any other transition.
    """
    if not is_admin(by):
        raise PermissionDenied(_("Only administrators launch innovations."))
    found = Innovation.objects.visible_to(by).in_bulk(list(innovation_ids))
    launched, refused = [], []
    for innovation_id in innovation_ids:
        innovation = found.get(innovation_id)
        if innovation is None:
            refused.append({"id": innovation_id, "reason": _("Not found.")})
            continue
        if innovation.cycle_id != event.cycle_id:
            refused.append(
                {
                    "id": innovation_id,
                    "code": innovation.code,
                    "reason": _("The innovation belongs to another cycle."),
                }
            )
            continue
        try:
            with transaction.atomic():
                innovation_transition(
                    innovation=innovation, action=Action.LAUNCH, by=by, note=event.name
                )
        except TransitionNotAllowed as exc:
            refused.append(
                {
                    "id": innovation_id,
                    "code": innovation.code,
                    "status": exc.status,
                    "reason": str(exc.detail),
                }
            )
        except (ValidationError, PermissionDenied) as exc:
            refused.append(
                {
                    "id": innovation_id,
                    "code": innovation.code,
                    "reason": " ".join(getattr(exc, "messages", [str(exc)])),
                }
            )
        else:
            launched.append({"id": innovation_id, "code": innovation.code})
    return {"launched": launched, "refused": refused}


def export_job_start(*, user, kind, fmt, params):
    """Record a background export and hand it to a worker once the row is committed."""
    from .tasks import export_job_run

    with transaction.atomic():
        job = ExportJob.objects.create(user=user, kind=kind, format=fmt, params=params)
        export_job_run.delay_on_commit(job.pk)
    return job
