"""The innovation edit page: current values, saving, and who may edit when."""

import pytest

from innovations.enums import Status
from innovations.models import Innovation

from .factories import CommunityInnovationFactory, InnovatorFactory
from .form_helpers import edit_url, field_value, profile, rows
from .pages import page_client

pytestmark = pytest.mark.django_db


# ---- edit -----------------------------------------------------------------------------------


def test_edit_shows_current_values_and_saves_changes(operator, innovation):
    InnovatorFactory(innovation=innovation, name="Lama")
    client = page_client(operator)
    html = client.get(edit_url(innovation)).content.decode()
    assert field_value(html, "title") == innovation.title
    assert field_value(html, "innovators-0-name") == "Lama"

    data = {
        **profile(innovation.cycle, title="Judul Baru", lab_stage="drum_up"),
        **rows("innovators", [{"name": "Baru", "nip": ""}], initial=1),
        **rows("partners", []),
    }
    response = client.post(edit_url(innovation), data)

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.title == "Judul Baru"
    assert innovation.lab_stage == "drum_up"
    assert [i.name for i in innovation.innovators.all()] == ["Baru"]


def test_edit_allowed_after_revision_request(head, innovation):
    innovation.status = Status.REVISION_REQUESTED
    innovation.save()

    response = page_client(head).post(edit_url(innovation), profile(innovation.cycle))

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.title == "Sistem Antrean Puskesmas"


@pytest.mark.parametrize(
    "status", [Status.SUBMITTED, Status.IN_REVIEW, Status.APPROVED, Status.WITHDRAWN]
)
def test_edit_refused_outside_editable_states(status, operator, innovation):
    innovation.status = status
    innovation.save()
    title = innovation.title
    client = page_client(operator)

    shown = client.get(edit_url(innovation))
    posted = client.post(edit_url(innovation), profile(innovation.cycle, title="Diubah"))

    for response in (shown, posted):
        html = response.content.decode()
        assert response.status_code == 409
        assert 'id="innovation-form"' not in html
        assert "can be changed only in draft or after a revision request" in html
    innovation.refresh_from_db()
    assert innovation.title == title


def test_edit_moving_stage_back_refused_for_operator(operator, innovation):
    client = page_client(operator)
    client.post(edit_url(innovation), profile(innovation.cycle, lab_stage="design"))

    response = client.post(edit_url(innovation), profile(innovation.cycle, lab_stage="drum_up"))

    assert response.status_code == 400
    assert "Only an administrator can move back to an earlier stage." in response.content.decode()
    innovation.refresh_from_db()
    assert innovation.lab_stage == "design"


def test_edit_community_entry_by_its_curator(curator, cycle):
    innovation = CommunityInnovationFactory(created_by=curator, cycle=cycle)
    data = profile(cycle, **{"community_submitter-name": "Kelompok Baru"})

    response = page_client(curator).post(edit_url(innovation), data)

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.community_submitter.name == "Kelompok Baru"
    assert innovation.unit is None


def test_edit_other_units_innovation_not_found(other_operator, innovation):
    response = page_client(other_operator).post(edit_url(innovation), profile(innovation.cycle))

    assert response.status_code == 404
    assert Innovation.objects.get().title == innovation.title


def test_edit_unknown_innovation_not_found(operator, cycle):
    assert page_client(operator).get("/innovations/999999/edit/").status_code == 404
