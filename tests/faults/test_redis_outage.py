"""Redis stops mid-run: every read and write still answers 2xx from the database, the outbox
keeps the notifications, and once Redis is back a real worker sends each of them exactly once.

The cache (the production fail-soft backend) and the Celery broker both point at a private
redis-server, which the test kills (SIGKILL) after the first requests and starts again later.
"""

import datetime
import logging
import uuid

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.enums import Role
from innovations.enums import Status
from innovations.models import Innovation
from notifications.enums import DeliveryStatus
from notifications.models import Notification
from notifications.services import notifications_requeue_pending
from reports.models import ExportJob
from tests.celery_worker import stop_worker, wait_for
from tests.curation.api_helpers import review_body
from tests.curation.factories import QueuedInnovationFactory, ReviewFactory
from tests.factories import PASSWORD, UnitFactory, UserFactory
from tests.innovations.api_helpers import body
from tests.innovations.factories import InnovationFactory, open_cycle
from tests.innovations.test_community_submission import form_data
from tests.notifications.celery_helpers import publishing_to
from tests.notifications.test_worker import mails, start_worker

from .conftest import fail_soft_caches

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def ok(response):
    assert 200 <= response.status_code < 300, (response.status_code, response.content[:500])
    return response


def test_every_write_succeeds_with_redis_down_and_notifications_go_out_once_after(
    redis_server, tmp_path, settings, caplog
):
    queue = f"intan-outage-{uuid.uuid4().hex[:12]}"
    settings.NOTIFICATION_QUEUE = queue
    settings.EXPORT_SYNC_MAX_ROWS = 1
    mail_dir = tmp_path / "mail"
    mail_dir.mkdir()

    cycle = open_cycle()
    unit = UnitFactory()
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    lead = UserFactory(role=Role.CURATOR, is_lead=True)
    curator = UserFactory(role=Role.CURATOR)
    admin = UserFactory(role=Role.ADMIN)
    draft = InnovationFactory(unit=unit, cycle=cycle)
    reviewed = QueuedInnovationFactory(unit=unit, cycle=cycle, status=Status.IN_REVIEW)
    ReviewFactory(innovation=reviewed)
    queued = QueuedInnovationFactory(unit=unit, cycle=cycle)

    with (
        override_settings(CACHES=fail_soft_caches(redis_server.url, RETRY_AFTER=1)),
        publishing_to(redis_server.url),
        caplog.at_level(logging.INFO),
    ):
        pages = Client()
        pages.force_login(admin)
        ok(pages.get("/compliance/"))  # the counts are cached, Redis is in use

        redis_server.stop()
        before = Notification.objects.count()

        # Innovations: create, edit, submit (operator); review and decide (curators).
        created = ok(
            api(operator).post("/api/v1/innovations/", body(year=cycle.year), format="json")
        )
        ok(
            api(operator).patch(
                f"/api/v1/innovations/{draft.pk}/", {"title": "Antrean Baru"}, format="json"
            )
        )
        ok(
            api(operator).post(
                f"/api/v1/innovations/{draft.pk}/transitions/", {"action": "submit"}, format="json"
            )
        )
        ok(
            api(curator).post(
                f"/api/v1/innovations/{queued.pk}/reviews/", review_body(), format="json"
            )
        )
        decided = ok(
            api(lead).post(
                "/api/v1/curation/decisions/",
                {"innovations": [reviewed.pk], "action": "approve"},
                format="json",
            )
        )
        assert decided.json()["moved"] == 1, decided.json()
        # Tokens (the throttle fails open), a page sign-in (sessions and axes in the database).
        token = ok(
            APIClient().post(
                "/api/v1/auth/token/",
                {"email": operator.email, "password": PASSWORD},
                format="json",
            )
        )
        signed_in = Client().post(
            "/accounts/login/", {"username": operator.email, "password": PASSWORD}
        )
        assert signed_in.status_code == 302, signed_in.content[:300]
        # Reads: compliance (page and API), reports; a background export is accepted.
        compliance = ok(pages.get("/compliance/"))
        ok(api(admin).get("/api/v1/compliance/"))
        ok(pages.get("/reports/"))
        export = api(admin).get("/api/v1/innovations/export/?format=csv")
        assert export.status_code == 202
        # The public form (its rate limit fails open).
        ok(APIClient().post("/api/v1/public/submissions/", form_data(), format="json"))

        # Every write committed; the notifications wait in the outbox, unpublished.
        assert Innovation.objects.filter(pk=created.json()["id"]).exists()
        draft.refresh_from_db()
        assert (draft.title, draft.status) == ("Antrean Baru", Status.SUBMITTED)
        assert queued.reviews.exists()
        assert Innovation.objects.get(pk=reviewed.pk).status == Status.APPROVED
        assert token.json()["token"]
        assert Innovation.objects.filter(community_submitter__email=form_data()["email"]).exists()
        assert (
            ExportJob.objects.get(token=export.json()["token"]).status == ExportJob.Status.PENDING
        )
        assert compliance.status_code == 200
        pending = list(
            Notification.objects.order_by("pk").values_list("pk", "status", "queued_at")[before:]
        )
        kinds = set(
            Notification.objects.filter(pk__in=[pk for pk, _, _ in pending]).values_list(
                "kind", flat=True
            )
        )
        assert {"innovation_submitted", "innovation_approved"} <= kinds
        assert all(
            status == DeliveryStatus.PENDING and queued_at is None
            for _, status, queued_at in pending
        )
        down = [r for r in caplog.records if "Redis is down" in r.getMessage()]
        assert len(down) == 1, [r.getMessage() for r in down]

        # Redis is back: the beat re-queue hands the rows over, a worker sends each once.
        redis_server.start()
        ids = [pk for pk, _, _ in pending]
        later = timezone.now() + datetime.timedelta(hours=1)
        assert sorted(notifications_requeue_pending(now=later)) == ids
        process, read_log = start_worker(redis_server.url, queue, mail_dir, tmp_path / "worker.log")
        try:
            sent = wait_for(
                lambda: (
                    Notification.objects.filter(pk__in=ids, status=DeliveryStatus.SENT).count()
                    == len(ids)
                )
            )
            assert sent, read_log()
            assert notifications_requeue_pending(now=later) == []  # nothing left to send
        finally:
            stop_worker(process)
        # One file may hold several messages (the worker keeps its mail connection open).
        received = "".join(mails(mail_dir)).count("X-Intan-Notification:")
        assert received == len(ids), read_log()
        # The cache is in use again, and said so.
        ok(pages.get("/compliance/"))
        assert any("Redis is back" in r.getMessage() for r in caplog.records)
