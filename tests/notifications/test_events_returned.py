"""The unit head returns a submission to the operators (`return_to_operator`): each operator of
the unit hears it once, in the portal and by e-mail, with the head's note; nobody else does."""

import pytest

from innovations.services import innovation_transition
from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import innovation_event_notify
from tests.factories import UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

pytestmark = pytest.mark.django_db

NOTE = "Judul terlalu panjang, mohon diringkas."


@pytest.fixture
def returned(unit, operator, head, django_capture_on_commit_callbacks):
    cycle = open_cycle(head_approval_required=True)
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    with django_capture_on_commit_callbacks(execute=True):
        innovation_transition(innovation=innovation, action="submit", by=operator)
        innovation_transition(
            innovation=innovation, action="return_to_operator", by=head, note=NOTE
        )
    return innovation


@pytest.fixture
def second_operator(unit):
    return UserFactory(role="operator", unit=unit)


def rows():
    return Notification.objects.filter(kind=Kind.INNOVATION_RETURNED)


def test_return_notifies_each_operator_of_the_unit_once(
    second_operator, returned, operator, head, other_operator
):
    assert sorted(rows().values_list("email", flat=True)) == sorted(
        [operator.email, second_operator.email]
    )
    assert not rows().filter(email__in=[head.email, other_operator.email]).exists()


def test_return_notification_carries_the_heads_note_and_the_page(returned, operator, settings):
    row = rows().get(recipient=operator)

    assert NOTE in row.body_text and NOTE in row.body_html
    assert row.link == f"{settings.SITE_URL.rstrip('/')}/innovations/{returned.pk}/"
    assert returned.code in row.subject


def test_return_notification_is_idempotent(returned, operator):
    again = innovation_event_notify(
        innovation_id=returned.pk, to_status="draft", note=NOTE, action="return_to_operator"
    )

    assert again == []
    assert rows().filter(recipient=operator).count() == 1


def test_return_notification_shows_in_the_operators_list(client, returned, operator):
    client.force_login(operator)

    page = client.get("/notifications/").content.decode()

    assert NOTE in page
    # Unread: "Open" reads it and goes on to the innovation (a form with the link as `next`).
    assert f'name="next" value="/innovations/{returned.pk}/"' in page


def test_reopen_to_draft_notifies_nobody(unit, admin_user, operator):
    innovation = InnovationFactory(unit=unit, cycle=open_cycle(), status="withdrawn")

    innovation_transition(innovation=innovation, action="reopen", by=admin_user)

    assert not Notification.objects.filter(target_id=innovation.pk).exists()


def test_return_notification_e_mail_reaches_the_operator_with_the_note(sent, returned, operator):
    to_operator = [m for m in sent if m.to == [operator.email]]
    returned_mail = [m for m in to_operator if returned.code in m.subject and NOTE in m.body]
    assert len(returned_mail) == 1
