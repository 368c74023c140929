"""IGA evidence after the launch: the readiness page takes files tagged with an indicator at any
status, for those who keep the readiness, without reopening the submitted profile."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from iga.rules import may_edit_readiness
from innovations.enums import Status
from innovations.models import Attachment
from innovations.rules import may_add_iid_evidence
from tests.innovations.factories import PDF_BYTES, AttachmentFactory

# Its storage fixture is autouse: every file goes to the test's own `tmp_path`.
from tests.innovations.test_api_attachments import private_storage, stored_files  # noqa: F401

from .factories import approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
EDITORS = {"operator", "head", "curator", "lead_curator", "admin"}


@pytest.fixture
def launched(unit):
    innovation = approved(cycle_of(2025), unit, status=Status.LAUNCHED)
    innovation.submitted_at = innovation.created_at
    innovation.save()
    return give_levels(innovation, {16: 3, 33: 2}, evidence=False)


def page(innovation):
    return f"/iga/innovations/{innovation.pk}/"


def evidence_post(indicator=33, content=PDF_BYTES, **fields):
    return {
        "form": "evidence",
        "indicator": indicator,
        "kind": "report",
        "file": SimpleUploadedFile("laporan-monev.pdf", content, content_type="application/pdf"),
        **fields,
    }


def row_of(response, number):
    return next(row for row in response.context["readiness"].rows if row.number == number)


def test_readiness_evidence_upload_after_launch_counts(client, operator, launched):
    client.force_login(operator)
    assert row_of(client.get(page(launched)), 33).points == 0  # claimed, unproven

    response = client.post(page(launched), evidence_post())

    assert response.status_code == 302 and response["Location"] == page(launched)
    attachment = Attachment.objects.get()
    assert (attachment.indicator, attachment.uploaded_by) == (33, operator)
    row = row_of(client.get(page(launched)), 33)
    assert row.evidence == [attachment] and row.points > 0 and not row.unproven


def test_readiness_evidence_upload_needs_an_indicator(client, operator, launched, tmp_path):
    client.force_login(operator)

    response = client.post(page(launched), evidence_post(indicator=""))

    assert response.status_code == 400
    assert "indicator" in response.context["evidence_form"].errors
    assert stored_files(tmp_path) == []


def test_readiness_evidence_disguised_file_refused(client, operator, launched, tmp_path):
    client.force_login(operator)

    response = client.post(page(launched), evidence_post(content=b"MZ\x90\x00 not a pdf"))

    assert response.status_code == 400
    assert response.context["evidence_form"].errors
    assert stored_files(tmp_path) == []


@pytest.mark.parametrize("role", ROLES)
def test_readiness_evidence_upload_per_role(client, users_by_role, launched, role):
    client.force_login(users_by_role[role])

    response = client.post(page(launched), evidence_post())

    expected = 302 if role in EDITORS else 404 if role == "other_operator" else 403
    assert response.status_code == expected
    assert Attachment.objects.exists() is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_readiness_evidence_form_shown_to_editors(client, users_by_role, launched, role):
    client.force_login(users_by_role[role])

    response = client.get(page(launched))

    if role == "other_operator":
        assert response.status_code == 404
        return
    assert (b"data-evidence-form" in response.content) is (role in EDITORS)
    assert b"#attachments" not in response.content  # the profile's list takes nothing now


def test_readiness_evidence_remove_own_after_launch(
    client, operator, launched, tmp_path, django_capture_on_commit_callbacks
):
    mine = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=operator)
    client.force_login(operator)
    assert f'data-remove-evidence="{mine.pk}"'.encode() in client.get(page(launched)).content

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page(launched), {"remove_evidence": mine.pk})

    assert response.status_code == 302
    assert not Attachment.objects.exists()
    assert stored_files(tmp_path) == []


def test_readiness_evidence_of_others_not_removable(client, operator, head, launched):
    theirs = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=head)
    client.force_login(operator)
    assert b"data-remove-evidence" not in client.get(page(launched)).content

    response = client.post(page(launched), {"remove_evidence": theirs.pk})

    assert response.status_code == 409
    assert Attachment.objects.filter(pk=theirs.pk).exists()


def test_readiness_evidence_remove_of_an_untagged_file_404(client, operator, launched):
    plain = AttachmentFactory(innovation=launched, uploaded_by=operator)
    client.force_login(operator)

    response = client.post(page(launched), {"remove_evidence": plain.pk})

    assert response.status_code == 404
    assert Attachment.objects.filter(pk=plain.pk).exists()


def test_readiness_evidence_notice_in_english(client, operator, launched):
    client.force_login(operator)
    client.cookies["django_language"] = "en"

    response = client.get(page(launched))

    assert "counts for the IGA at any status, also after the launch" in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_readiness_evidence_rule_is_the_readiness_rule(users_by_role, launched, role):
    user = users_by_role[role]

    assert may_add_iid_evidence(user, launched) == may_edit_readiness(user, launched)


# The readiness page's queries before the upload form came (11 for a unit's staff: its unit).
PAGE_QUERIES = {"operator": 11, "curator": 10, "leader": 10, "admin": 10}


@pytest.mark.parametrize("role", PAGE_QUERIES)
@pytest.mark.parametrize("files", [1, 10])
def test_readiness_page_query_count_unchanged(
    client, users_by_role, launched, role, files, django_assert_num_queries
):
    for _n in range(files):
        AttachmentFactory(innovation=launched, indicator=33, uploaded_by=users_by_role[role])
    client.force_login(users_by_role[role])
    client.get(page(launched))  # the session and the cycle's cached catalogue settle

    with django_assert_num_queries(PAGE_QUERIES[role]):
        response = client.get(page(launched))

    assert len(row_of(response, 33).evidence) == files
