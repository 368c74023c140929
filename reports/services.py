"""Writes of the reports app: launch events and background exports."""

import logging
from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.enums import Action
from innovations.models import Innovation
from innovations.services import innovation_transition
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .models import ExportJob, LaunchEvent
from .rules import may_manage_launch

logger = logging.getLogger(__name__)

# A job still waiting this long after it was started is handed to the broker again.
EXPORT_REQUEUE_AFTER = timedelta(minutes=10)


@transaction.atomic
def launch_event_create(*, cycle, name, date, venue="", by, update=False):
    """The cycle's launch event; with `update`, an existing one is corrected (its venue is often
    known only after the event was first saved), otherwise a second event is refused."""
    if not may_manage_launch(by):
        raise Refused(_("Only administrators manage launch events."))
    event = LaunchEvent.objects.select_for_update().filter(cycle=cycle).first()
    if event is None:
        return LaunchEvent.objects.create(
            cycle=cycle, name=name, date=date, venue=venue, created_by=by
        )
    if not update:
        raise InvalidInput({"year": [_("This cycle already has a launch event.")]})
    event.name, event.date, event.venue = name, date, venue
    event.save(update_fields=["name", "date", "venue"])
    return event


def launch_event_add_innovations(*, event, innovation_ids, by):
    """Launch each approved innovation of the event's cycle; report the others back, unmoved.

    Each item runs in its own transaction through the workflow function, so one refusal does not
    undo the others and every launch is logged like any other transition.
    """
    if not may_manage_launch(by):
        raise Refused(_("Only administrators launch innovations."))
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
        except StateConflict as exc:
            refused.append(
                {
                    "id": innovation_id,
                    "code": innovation.code,
                    "status": exc.status,
                    "reason": str(exc),
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
    with transaction.atomic():
        job = ExportJob.objects.create(user=user, kind=kind, format=fmt, params=params)
        transaction.on_commit(partial(export_job_publish, job.pk), robust=True)
    return job


def export_job_publish(job_id):
    """Send the job to the broker. With the broker down the job stays waiting (the request
    still answers) and `export_jobs_requeue` sends it once the broker is back."""
    from kombu.exceptions import OperationalError

    from .tasks import export_job_run

    try:
        export_job_run.apply_async(
            args=[job_id],
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        )
    except OperationalError:
        logger.warning("Broker unreachable; export job %s waits for the re-queue", job_id)
        return False
    return True


def export_jobs_requeue(*, now=None, limit=100):
    """Send again the jobs still waiting after EXPORT_REQUEUE_AFTER (run every ten minutes by
    beat): their publish failed, or the broker lost the message.

    A job that merely waits behind a long export may get a second message; the task skips a
    job that is done, so the file is written once unless two workers take both at once.
    """
    cutoff = (now or timezone.now()) - EXPORT_REQUEUE_AFTER
    ids = list(
        ExportJob.objects.filter(status=ExportJob.Status.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    published = []
    for pk in ids:
        if not export_job_publish(pk):
            break
        published.append(pk)
    if ids:
        logger.info("Re-queued %s of %s waiting export jobs", len(published), len(ids))
    return published
