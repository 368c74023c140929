"""Curation services: assigning curators and internal comments."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.enums import Role
from curation.models import Assignment
from curation.services import assignment_create, comment_add
from curation.signals import curators_assigned
from innovations.enums import Status
from tests.factories import UserFactory

from .factories import CuratorFactory, QueuedInnovationFactory

pytestmark = pytest.mark.django_db


# Assignments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["lead_curator", "admin"])
def test_assignment_create_bulk(role, users_by_role, cycle, django_capture_on_commit_callbacks):
    innovations = QueuedInnovationFactory.create_batch(2, cycle=cycle)
    curators = CuratorFactory.create_batch(2)
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs)

    curators_assigned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            created = assignment_create(
                innovations=innovations, curators=curators, by=users_by_role[role]
            )
    finally:
        curators_assigned.disconnect(receiver)

    assert len(created) == 4
    assert sorted((s["innovation_id"], sorted(s["curator_ids"])) for s in sent) == sorted(
        (i.pk, sorted(c.pk for c in curators)) for i in innovations
    )
    assert {s["actor_id"] for s in sent} == {users_by_role[role].pk}


def test_assignment_create_again_keeps_and_signals_only_new(
    queued, lead_curator, django_capture_on_commit_callbacks
):
    first, second = CuratorFactory.create_batch(2)
    assignment_create(innovations=[queued], curators=[first], by=lead_curator)
    sent = []

    def receiver(sender, **kwargs):
        sent.append(kwargs["curator_ids"])

    curators_assigned.connect(receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assignment_create(innovations=[queued], curators=[first, second], by=lead_curator)
            assignment_create(innovations=[queued], curators=[first], by=lead_curator)
    finally:
        curators_assigned.disconnect(receiver)

    assert sent == [[second.pk]]
    assert Assignment.objects.filter(innovation=queued).count() == 2


def test_assignment_create_notifies_through_notifications(
    queued, lead_curator, django_capture_on_commit_callbacks
):
    from notifications.models import Notification

    curator = CuratorFactory()
    with django_capture_on_commit_callbacks(execute=True):
        assignment_create(innovations=[queued], curators=[curator], by=lead_curator)

    assert Notification.objects.filter(recipient=curator).exists()


@pytest.mark.parametrize("role", ["curator", "leader", "operator", "head"])
def test_assignment_create_refused_for_role(role, users_by_role, queued):
    with pytest.raises(PermissionDenied):
        assignment_create(innovations=[queued], curators=[CuratorFactory()], by=users_by_role[role])


def test_assignment_create_refuses_non_curator_and_own_unit(queued, lead_curator, operator):
    own_unit_curator = UserFactory(role=Role.CURATOR, unit=queued.unit)

    with pytest.raises(ValidationError) as refused:
        assignment_create(
            innovations=[queued], curators=[operator, own_unit_curator], by=lead_curator
        )

    messages = " ".join(refused.value.message_dict["curators"])
    assert operator.email in messages and own_unit_curator.email in messages
    assert not Assignment.objects.exists()


def test_assignment_create_refuses_closed_innovation(queued, lead_curator):
    queued.status = Status.APPROVED
    queued.save()

    with pytest.raises(ValidationError) as refused:
        assignment_create(innovations=[queued], curators=[CuratorFactory()], by=lead_curator)

    assert queued.code in refused.value.message_dict["innovations"][0]


# Comments --------------------------------------------------------------------------------------


def test_comment_add_by_curation_staff(queued, curator, admin_user):
    comment_add(innovation=queued, by=curator, body="  Cek anggaran. ")
    comment_add(innovation=queued, by=admin_user, body="Sudah dicek.")

    assert list(queued.internal_comments.values_list("body", flat=True)) == [
        "Cek anggaran.",
        "Sudah dicek.",
    ]


def test_comment_add_empty_refused(queued, curator):
    with pytest.raises(ValidationError):
        comment_add(innovation=queued, by=curator, body="   ")


@pytest.mark.parametrize("role", ["leader", "operator", "head"])
def test_comment_add_refused_for_role(role, users_by_role, queued):
    with pytest.raises(PermissionDenied):
        comment_add(innovation=queued, by=users_by_role[role], body="Halo")
