"""Evidence of a Laboratorium stage is accepted only while that stage is open for the unit.

Before curation the whole profile is the unit's; while curators judge it nothing changes; after
approval the unit delivers (Deliver) and prepares the launch (Display); after the launch only
Display artefacts remain (DOMAIN.md: Laboratorium Inovasi).
"""

import pytest

from innovations.enums import LabStage, Status
from innovations.models import Attachment

from .factories import PDF_BYTES
from .test_api_attachments import private_storage, stored_files, upload  # noqa: F401

pytestmark = pytest.mark.django_db

ALL = set(LabStage.values)
OPEN_STAGES = {
    Status.DRAFT: ALL,
    Status.REVISION_REQUESTED: ALL,
    Status.SUBMITTED: set(),
    Status.IN_REVIEW: set(),
    Status.APPROVED: {"deliver", "display"},
    Status.LAUNCHED: {"display"},
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
}
CASES = [(status, stage) for status in OPEN_STAGES for stage in LabStage.values]


@pytest.mark.parametrize(("status", "stage"), CASES)
def test_stage_evidence_only_while_the_stage_is_open(
    status,
    stage,
    api_as,
    operator,
    innovation,
    private_storage,  # noqa: F811
):
    innovation.status = status
    innovation.save()

    response = upload(api_as(operator), innovation, "bukti.pdf", PDF_BYTES, lab_stage=stage)

    if stage in OPEN_STAGES[status]:
        assert response.status_code == 201
        assert Attachment.objects.get().lab_stage == stage
    else:
        assert response.status_code == 409
        assert response.json()["status"] == status
        assert not Attachment.objects.exists()
        assert stored_files(private_storage) == []


def test_stage_evidence_refusal_names_the_stage(api_as, operator, innovation):
    innovation.status = Status.IN_REVIEW
    innovation.save()

    response = upload(api_as(operator), innovation, "bukti.pdf", PDF_BYTES, lab_stage="design")

    assert response.status_code == 409
    assert "Design" in response.json()["detail"]


def test_community_owner_follows_the_same_window(api_as, curator, cycle):
    from .factories import CommunityInnovationFactory

    entry = CommunityInnovationFactory(created_by=curator, cycle=cycle, status=Status.IN_REVIEW)

    response = upload(api_as(curator), entry, "bukti.pdf", PDF_BYTES, lab_stage="deliver")

    assert response.status_code == 409


def test_admin_keeps_recording_stage_artefacts(api_as, admin_user, innovation):
    innovation.status = Status.LAUNCHED
    innovation.save()

    response = upload(
        api_as(admin_user), innovation, "peluncuran.pdf", PDF_BYTES, lab_stage="display"
    )

    assert response.status_code == 201
