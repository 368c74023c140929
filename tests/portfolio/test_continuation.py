"""Continuing an innovation into the open cycle: lineage, prefill, evidence reuse, who may."""

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.enums import Role
from innovations import lineage
from innovations.enums import Status
from innovations.evidence_services import attachment_delete
from innovations.models import Attachment, Innovation
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict
from portfolio.continuation import (
    changes_since_approved,
    evidence_reuse,
    innovation_continue,
    reusable_evidence,
)
from tests.factories import CycleFactory, UserFactory
from tests.innovations.factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)

from .factories import LaunchedFactory

pytestmark = pytest.mark.django_db


def stored_files():
    root = settings.MEDIA_ROOT / "attachments"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def test_continue_creates_a_draft_of_the_open_cycle_linked_both_ways(operator, launched, cycle):
    created = innovation_continue(innovation=launched, by=operator)

    assert created.status == Status.DRAFT
    assert created.cycle == cycle and created.year == cycle.year
    assert created.unit == launched.unit and created.code != launched.code
    assert created.predecessor == launched
    assert list(launched.successors.all()) == [created]
    assert [e.pk for e in lineage.lineage(launched)] == [launched.pk, created.pk]
    assert [e.pk for e in lineage.lineage(created)] == [launched.pk, created.pk]


def test_continue_prefills_profile_people_and_partners(operator, launched, cycle):
    InnovatorFactory(innovation=launched, name="Siti Rahmah", nip="198502142010011003")
    PartnerFactory(innovation=launched, name="Universitas Lambung Mangkurat")

    created = innovation_continue(innovation=launched, by=operator)

    for name in ("title", "summary", "design", "form", "maturity", "implementation_date"):
        assert getattr(created, name) == getattr(launched, name), name
    assert created.affairs == launched.affairs
    assert list(created.innovators.values_list("name", "nip")) == [
        ("Siti Rahmah", "198502142010011003")
    ]
    assert list(created.partners.values_list("name", flat=True)) == [
        "Universitas Lambung Mangkurat"
    ]
    assert created.created_by == operator


def test_continue_prefills_from_the_newest_year_of_the_lineage(operator, unit, cycle):
    oldest = LaunchedFactory(unit=unit, cycle=CycleFactory(year=cycle.year - 2), title="Lama")
    newer = LaunchedFactory(
        unit=unit, cycle=CycleFactory(year=cycle.year - 1), title="Baru", predecessor=oldest
    )

    created = innovation_continue(innovation=oldest, by=operator)

    assert created.predecessor == newer and created.title == "Baru"
    assert [e.year for e in lineage.lineage(oldest)] == [
        cycle.year - 2,
        cycle.year - 1,
        cycle.year,
    ]


def test_continue_twice_into_the_same_year_is_refused(operator, launched, cycle):
    first = innovation_continue(innovation=launched, by=operator)

    with pytest.raises(InvalidInput) as refused:
        innovation_continue(innovation=launched, by=operator)

    assert first.code in str(refused.value)
    assert Innovation.objects.filter(predecessor=launched).count() == 1


def test_continue_needs_an_earlier_year(operator, unit, cycle):
    this_year = LaunchedFactory(unit=unit, cycle=cycle)
    with pytest.raises(InvalidInput):
        innovation_continue(innovation=this_year, by=operator)


def test_continue_needs_an_open_cycle(operator, launched, cycle):
    cycle.submission_opens = cycle.submission_deadline = cycle.curation_deadline = (
        launched.cycle.submission_deadline
    )
    cycle.save()
    with pytest.raises(InvalidInput):
        innovation_continue(innovation=launched, by=operator)


@pytest.mark.parametrize("role", ["other_operator", "curator", "lead_curator", "admin", "leader"])
def test_continue_a_unit_innovation_only_by_its_unit(users_by_role, launched, cycle, role):
    with pytest.raises(Refused):
        innovation_continue(innovation=launched, by=users_by_role[role])


@pytest.mark.parametrize("role", [Role.CURATOR, Role.ADMIN])
def test_continue_a_community_innovation_by_a_curator_or_admin(role, last_cycle, cycle):
    community = CommunityInnovationFactory(cycle=last_cycle, status=Status.LAUNCHED)
    someone = UserFactory(role=role)

    created = innovation_continue(innovation=community, by=someone)

    assert created.unit is None and created.predecessor == community
    assert created.community_submitter.name == community.community_submitter.name
    assert created.created_by == someone


def test_earlier_evidence_is_reused_without_a_second_copy_on_disk(operator, launched, cycle):
    earlier = AttachmentFactory(innovation=launched, indicator=16)
    created = innovation_continue(innovation=launched, by=operator)
    files_before = stored_files()

    offered = reusable_evidence(created)
    added = evidence_reuse(innovation=created, attachment_ids=[earlier.pk], by=operator)

    assert [a.pk for a in offered] == [earlier.pk] and not offered[0].reused
    (copy,) = added
    assert copy.innovation == created and copy.pk != earlier.pk
    assert copy.file.name == earlier.file.name
    assert (copy.indicator, copy.filename, copy.size) == (16, earlier.filename, earlier.size)
    assert stored_files() == files_before
    assert reusable_evidence(created)[0].reused
    # Reusing again changes nothing.
    assert evidence_reuse(innovation=created, attachment_ids=[earlier.pk], by=operator) == []


def test_removing_reused_evidence_keeps_the_shared_file(
    operator, launched, cycle, django_capture_on_commit_callbacks
):
    earlier = AttachmentFactory(innovation=launched)
    created = innovation_continue(innovation=launched, by=operator)
    (copy,) = evidence_reuse(innovation=created, attachment_ids=[earlier.pk], by=operator)
    path = settings.MEDIA_ROOT / earlier.file.name

    with django_capture_on_commit_callbacks(execute=True):
        attachment_delete(attachment=copy, by=operator)

    assert path.exists()
    assert Attachment.objects.filter(pk=earlier.pk).exists()


def test_reuse_refuses_files_of_other_innovations(operator, launched, cycle):
    stranger = AttachmentFactory(innovation=LaunchedFactory(unit=launched.unit))
    created = innovation_continue(innovation=launched, by=operator)

    with pytest.raises(InvalidInput):
        evidence_reuse(innovation=created, attachment_ids=[stranger.pk], by=operator)


def test_reuse_only_while_the_profile_is_editable(operator, launched, cycle):
    earlier = AttachmentFactory(innovation=launched)
    created = innovation_continue(innovation=launched, by=operator)
    Innovation.objects.filter(pk=created.pk).update(status=Status.SUBMITTED)
    created.refresh_from_db()

    with pytest.raises(StateConflict):
        evidence_reuse(innovation=created, attachment_ids=[earlier.pk], by=operator)


def test_changes_against_the_previous_years_approved_profile(operator, launched, cycle):
    created = innovation_continue(innovation=launched, by=operator)
    created.summary = "Sekarang juga melayani desa terpencil."
    created.save()

    previous, changes = changes_since_approved(created)

    assert previous.pk == launched.pk
    assert [c["field"] for c in changes] == ["summary"]
    assert changes[0]["before"] == launched.summary
    assert changes[0]["after"] == "Sekarang juga melayani desa terpencil."


def test_no_changes_without_an_approved_earlier_year(operator, unit, last_cycle, cycle):
    rejected = LaunchedFactory(unit=unit, cycle=last_cycle, status=Status.REJECTED)
    created = innovation_continue(innovation=rejected, by=operator)
    assert changes_since_approved(created) == (None, [])


# --- pages ---------------------------------------------------------------------------------


def test_continue_button_on_the_innovation_page_creates_the_draft(
    client, operator, launched, cycle
):
    client.force_login(operator)
    page = client.get(reverse("innovations:detail", args=[launched.pk])).content.decode()
    assert 'data-action="continue"' in page

    response = client.post(reverse("portfolio:continue", args=[launched.pk]))

    created = Innovation.objects.get(predecessor=launched)
    assert response.status_code == 302
    assert response["Location"] == reverse("innovations:edit", args=[created.pk])
    page = client.get(reverse("innovations:detail", args=[created.pk])).content.decode()
    assert f'data-year="{launched.year}"' in page and launched.code in page


def test_portfolio_page_lists_reusable_evidence_and_reuses_it(client, operator, launched, cycle):
    earlier = AttachmentFactory(innovation=launched)
    created = innovation_continue(innovation=launched, by=operator)
    client.force_login(operator)

    page = client.get(reverse("portfolio:innovation", args=[created.pk])).content.decode()
    assert f'data-reusable="{earlier.pk}"' in page

    response = client.post(
        reverse("portfolio:reuse", args=[created.pk]), {"attachments": [earlier.pk]}
    )
    assert response.status_code == 302
    assert created.attachments.get().file.name == earlier.file.name


def test_curators_see_lineage_and_changes_on_the_review_page(
    client, curator, operator, launched, cycle
):
    created = innovation_continue(innovation=launched, by=operator)
    Innovation.objects.filter(pk=created.pk).update(
        status=Status.SUBMITTED, summary="Ringkasan baru tahun ini."
    )
    client.force_login(curator)

    page = client.get(reverse("curation:review", args=[created.pk])).content.decode()

    assert "data-lineage-changes" in page
    assert launched.code in page and 'data-field="summary"' in page


# --- API -----------------------------------------------------------------------------------


def test_api_continue_and_lineage(api_as, operator, launched, cycle):
    api = api_as(operator)
    lineage_url = f"/api/v1/innovations/{launched.pk}/lineage/"
    before = api.get(lineage_url).json()
    assert before["continuation"] == {"possible": True, "year": cycle.year, "reason": None}

    response = api.post(f"/api/v1/innovations/{launched.pk}/continue/")

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["year"] == cycle.year
    after = api.get(f"/api/v1/innovations/{body['id']}/lineage/").json()
    assert [y["year"] for y in after["years"]] == [launched.year, cycle.year]
    assert after["previous_approved"]["code"] == launched.code
    assert api.post(f"/api/v1/innovations/{launched.pk}/continue/").status_code == 400


def test_api_continue_refused_before_the_body_is_read(api_as, curator, launched, cycle):
    response = api_as(curator).post(f"/api/v1/innovations/{launched.pk}/continue/")
    assert response.status_code == 403


def test_api_reusable_evidence(api_as, operator, launched, cycle):
    earlier = AttachmentFactory(innovation=launched)
    created = innovation_continue(innovation=launched, by=operator)
    api = api_as(operator)
    url = f"/api/v1/innovations/{created.pk}/reusable-evidence/"

    listed = api.get(url).json()
    added = api.post(url, {"attachments": [earlier.pk]}, format="json")

    assert [(i["id"], i["reused"]) for i in listed] == [(earlier.pk, False)]
    assert added.status_code == 201 and added.json()[0]["filename"] == earlier.filename
    assert api.get(url).json()[0]["reused"] is True
    assert api.post(url, {"attachments": [999999]}, format="json").status_code == 400


def test_the_newest_entry_does_not_say_it_continues_itself(client, operator, launched, cycle):
    created = innovation_continue(innovation=launched, by=operator)
    client.force_login(operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    newest = client.get(reverse("portfolio:innovation", args=[created.pk])).content.decode()
    earlier = client.get(reverse("portfolio:innovation", args=[launched.pk])).content.decode()

    assert f"as {created.code}" not in newest
    assert f"This is the innovation&#x27;s {cycle.year} entry." in newest
    assert f"It is already continued into {cycle.year} as {created.code}." in earlier


def test_continuing_an_earlier_year_again_names_the_entry_that_continues_it(
    operator, launched, cycle
):
    created = innovation_continue(innovation=launched, by=operator)

    with pytest.raises(InvalidInput) as from_earlier:
        innovation_continue(innovation=launched, by=operator)
    with pytest.raises(InvalidInput) as from_newest:
        innovation_continue(innovation=created, by=operator)

    assert created.code in str(from_earlier.value)
    assert created.code not in str(from_newest.value)
