"""Event notifications: the unit hears of every decision on its innovation, with the reason;
a community submitter by e-mail; curators of their assignments; heads of agreements to sign."""

import datetime

import pytest
from django.db import transaction

from accounts.enums import Role
from agreements.models import Agreement
from innovations.enums import Status
from innovations.models import Innovation
from innovations.services import innovation_transition
from innovations.signals import innovation_transitioned
from notifications.enums import Kind
from notifications.events import (
    RECEIVERS,
    connect_receivers,
    on_agreement_ready,
    on_curators_assigned,
)
from notifications.models import Notification
from notifications.services import notify_assignment
from reports.models import LaunchEvent
from tests.factories import UserFactory
from tests.innovations.factories import CommunityInnovationFactory, InnovationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def innovation(unit, cycle):
    return InnovationFactory(unit=unit, cycle=cycle)


@pytest.fixture
def cycle(db):
    from tests.innovations.factories import open_cycle

    return open_cycle()


@pytest.fixture
def transition(django_capture_on_commit_callbacks):
    """Run a workflow action and its after-commit work (the signal, then the e-mails)."""

    def _do(innovation, action, by, note=""):
        with django_capture_on_commit_callbacks(execute=True):
            return innovation_transition(innovation=innovation, action=action, by=by, note=note)

    return _do


def emails(kind):
    return set(Notification.objects.filter(kind=kind).values_list("email", flat=True))


def test_receivers_connected_to_existing_signals():
    assert "innovation_transitioned" in connect_receivers()
    assert {name for _, name, _ in RECEIVERS} == {
        "innovation_transitioned",
        "decisions_published",  # issue 16: one message per unit when decisions are published
        "curators_assigned",
        "agreement_ready_for_signature",
        "community_confirmation_requested",
        "invitation_requested",  # issue 17: a new account's set-password e-mail
    }


def test_event_submitted_tells_the_unit(
    innovation, operator, head, other_operator, transition, sent
):
    transition(innovation, "submit", operator)

    assert emails(Kind.INNOVATION_SUBMITTED) == {operator.email, head.email}
    row = Notification.objects.get(kind=Kind.INNOVATION_SUBMITTED, recipient=head)
    assert row.link.endswith(f"/innovations/{innovation.pk}/")
    assert row.target_type == "innovation" and row.target_id == innovation.pk
    assert {tuple(m.to) for m in sent} == {(operator.email,), (head.email,)}


def test_event_start_review_tells_nobody(innovation, operator, curator, transition):
    transition(innovation, "submit", operator)
    transition(innovation, "start_review", curator)

    assert Notification.objects.exclude(kind=Kind.INNOVATION_SUBMITTED).count() == 0


def test_event_revision_requested_with_reason(innovation, operator, curator, transition):
    transition(innovation, "submit", operator)
    transition(innovation, "request_revision", curator, note="Lengkapi rincian anggaran 2025.")

    row = Notification.objects.get(kind=Kind.INNOVATION_REVISION_REQUESTED, recipient=operator)
    assert "Lengkapi rincian anggaran 2025." in row.body_text
    assert "Lengkapi rincian anggaran 2025." in row.body_html


def test_event_rejected_with_reason(innovation, operator, head, lead_curator, transition):
    transition(innovation, "submit", operator)
    transition(innovation, "reject", lead_curator, note="Bukan inovasi baru.")

    assert emails(Kind.INNOVATION_REJECTED) == {operator.email, head.email}
    assert all(
        "Bukan inovasi baru." in row.body_text
        for row in Notification.objects.filter(kind=Kind.INNOVATION_REJECTED)
    )


def test_event_approved_and_launched(innovation, operator, admin_user, transition, sent):
    innovation.status = Status.IN_REVIEW
    innovation.save()
    # Approval may need a completed review (a guard of curation); its signal is what counts here.
    innovation_transitioned.send(
        sender=Innovation,
        innovation_id=innovation.pk,
        action="approve",
        actor_id=admin_user.pk,
        from_status="in_review",
        to_status="approved",
        note="",
    )
    innovation.status = Status.APPROVED
    innovation.save()
    LaunchEvent.objects.create(cycle=innovation.cycle, name="Launching", date=datetime.date.today())
    transition(innovation, "launch", admin_user)

    assert emails(Kind.INNOVATION_APPROVED) == {operator.email}
    assert emails(Kind.INNOVATION_LAUNCHED) == {operator.email}


def test_event_signal_repeated_queues_once(innovation, operator, transition):
    transition(innovation, "submit", operator)
    innovation_transitioned.send(
        sender=Innovation,
        innovation_id=innovation.pk,
        action="submit",
        actor_id=operator.pk,
        from_status="draft",
        to_status="submitted",
        note="",
    )

    assert Notification.objects.filter(kind=Kind.INNOVATION_SUBMITTED).count() == 1


def test_event_second_rejection_after_reopen_is_new(
    innovation, operator, lead_curator, admin_user, transition
):
    transition(innovation, "submit", operator)
    transition(innovation, "reject", lead_curator, note="Belum lengkap.")
    transition(innovation, "reopen", admin_user)
    transition(innovation, "submit", operator)
    transition(innovation, "reject", lead_curator, note="Masih belum lengkap.")

    bodies = Notification.objects.filter(kind=Kind.INNOVATION_REJECTED).values_list(
        "body_text", flat=True
    )
    assert len(bodies) == 2
    assert any("Masih belum lengkap." in body for body in bodies)


def test_event_rolled_back_transition_tells_nobody(innovation, operator, transition):
    with pytest.raises(RuntimeError), transaction.atomic():
        innovation_transition(innovation=innovation, action="submit", by=operator)
        raise RuntimeError("something later in the request failed")

    assert Notification.objects.count() == 0


def test_event_outbox_row_written_in_the_transitions_transaction(
    innovation, operator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        innovation_transition(innovation=innovation, action="submit", by=operator)
        # Before the commit, the row is already there: it commits with the change.
        assert Notification.objects.filter(kind=Kind.INNOVATION_SUBMITTED).exists()
    row = Notification.objects.get(kind=Kind.INNOVATION_SUBMITTED, recipient=operator)
    assert row.status == "pending"  # sending waits for the commit
    assert callbacks, "the send task is handed to Celery only after the commit"


def test_event_community_entry_to_submitter(cycle, lead_curator, transition, sent):
    innovation = CommunityInnovationFactory(cycle=cycle, status=Status.SUBMITTED)

    transition(innovation, "reject", lead_curator, note="Sudah ada inovasi serupa.")

    row = Notification.objects.get(kind=Kind.INNOVATION_REJECTED)
    assert row.recipient is None
    assert row.email == innovation.community_submitter.email
    assert "Sudah ada inovasi serupa." in row.body_text
    assert [m.to for m in sent] == [[innovation.community_submitter.email]]


def test_notify_assignment_to_each_active_curator(innovation, curator, lead_curator):
    away = UserFactory(role=Role.CURATOR, is_active=False)

    notify_assignment(innovation=innovation, curators=[curator, lead_curator, away])
    notify_assignment(innovation=innovation, curators=[curator])

    assert emails(Kind.CURATOR_ASSIGNED) == {curator.email, lead_curator.email}


def test_curators_assigned_receiver(innovation, curator):
    on_curators_assigned(None, innovation_id=innovation.pk, curator_ids=[curator.pk], actor_id=None)

    row = Notification.objects.get(kind=Kind.CURATOR_ASSIGNED)
    assert row.recipient == curator
    assert row.link.endswith(f"/innovations/{innovation.pk}/")


def test_agreement_ready_tells_the_head(unit, cycle, operator, head):
    agreement = Agreement.objects.create(unit=unit, cycle=cycle, committed_count=2)

    on_agreement_ready(None, agreement_id=agreement.pk, actor_id=operator.pk)
    on_agreement_ready(None, agreement_id=agreement.pk, actor_id=operator.pk)

    assert emails(Kind.AGREEMENT_READY) == {head.email}


def test_agreement_ready_without_head_tells_operators(unit, cycle, operator):
    agreement = Agreement.objects.create(unit=unit, cycle=cycle)

    on_agreement_ready(None, agreement_id=agreement.pk, actor_id=None)

    assert emails(Kind.AGREEMENT_READY) == {operator.email}


def test_agreement_prepared_by_operator_tells_the_head(unit, cycle, operator, head):
    from agreements.services import agreement_create

    agreement_create(unit=unit, cycle=cycle, by=operator, committed_count=2)

    row = Notification.objects.get(kind=Kind.AGREEMENT_READY)
    assert row.recipient == head
    assert row.link.endswith(f"/agreements/{row.target_id}/")


def test_agreement_sent_back_tells_the_head_again(unit, cycle, head, curator):
    import datetime

    from agreements.services import agreement_create, agreement_reject, agreement_sign

    agreement = agreement_create(unit=unit, cycle=cycle, by=head)
    agreement_sign(
        agreement=agreement,
        by=head,
        signatory_name="Kepala",
        signatory_nip="197001011990031001",
        signatory_title="Kepala Dinas",
        signed_on=datetime.date(2025, 2, 6),
    )
    agreement_reject(agreement=agreement, by=curator, note="Salah pindai")

    # Once when prepared, once again when sent back on the same day.
    assert Notification.objects.filter(kind=Kind.AGREEMENT_READY, recipient=head).count() == 2


def test_curation_assignment_tells_the_curators(
    innovation, curator, lead_curator, django_capture_on_commit_callbacks
):
    from curation.services import assignment_create

    innovation.status = Status.SUBMITTED
    innovation.save()

    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(innovations=[innovation], curators=[curator], by=lead_curator)

    assert emails(Kind.CURATOR_ASSIGNED) == {curator.email}
