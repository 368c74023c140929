"""Community entries from the public form, deadline extensions, and the admin site pages."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovations.enums import Status
from innovations.models import Innovation
from innovations.services import (
    community_submission_confirm,
    deadline_extension_grant,
    innovation_create,
)

from .factories import (
    AttachmentFactory,
    DeadlineExtensionFactory,
    InnovationFactory,
    InnovatorFactory,
    design_text,
)

pytestmark = pytest.mark.django_db


def public_entry(cycle, **overrides):
    fields = {
        "title": "Bank Sampah Desa",
        "summary": "Sampah ditukar tabungan.",
        "problem": "Sampah dibuang ke sungai.",
        "design": design_text(310),
        "benefits": "Sungai bersih.",
        **overrides,
    }
    return innovation_create(
        by=None,
        cycle=cycle,
        community_submitter={"name": "Karang Taruna", "email": "kt@contoh.id"},
        **fields,
    )


def test_public_entry_is_a_community_draft(cycle, unit):
    entry = public_entry(cycle)

    assert (entry.unit, entry.status, entry.source_category) == (None, "draft", "masyarakat")
    assert entry.created_by is None


def test_public_entry_confirmed_reaches_curators(cycle, curator):
    entry = public_entry(cycle)
    assert not Innovation.objects.visible_to(curator).filter(pk=entry.pk).exists()

    community_submission_confirm(innovation=entry)

    entry.refresh_from_db()
    assert entry.status == Status.SUBMITTED
    assert entry.community_submitter.email_confirmed_at is not None
    assert entry.history.get().actor is None
    assert Innovation.objects.visible_to(curator).filter(pk=entry.pk).exists()


def test_public_entry_confirmed_twice_submits_once(cycle):
    entry = public_entry(cycle)

    community_submission_confirm(innovation=entry)
    community_submission_confirm(innovation=entry)

    assert entry.history.count() == 1


def test_public_entry_with_short_design_not_submitted(cycle):
    entry = public_entry(cycle, design="Terlalu pendek.")

    with pytest.raises(ValidationError):
        community_submission_confirm(innovation=entry)

    entry.refresh_from_db()
    assert entry.status == Status.DRAFT
    assert entry.community_submitter.email_confirmed_at is None


def test_deadline_extension_granted_by_admin(admin_user, cycle, unit):
    extension = deadline_extension_grant(
        cycle=cycle,
        unit=unit,
        until=cycle.submission_deadline + datetime.timedelta(days=7),
        by=admin_user,
    )

    assert extension.granted_by == admin_user


def test_deadline_extension_refused_for_operator(operator, cycle, unit):
    with pytest.raises(PermissionDenied):
        deadline_extension_grant(
            cycle=cycle, unit=unit, until=cycle.submission_deadline, by=operator
        )


def test_deadline_extension_before_deadline_refused(admin_user, cycle, unit):
    with pytest.raises(ValidationError) as refused:
        deadline_extension_grant(
            cycle=cycle,
            unit=unit,
            until=cycle.submission_deadline - datetime.timedelta(days=1),
            by=admin_user,
        )

    assert "until" in refused.value.message_dict


@pytest.mark.parametrize(
    "path",
    [
        "/admin/innovations/cycle/",
        "/admin/innovations/cycle/add/",
        "/admin/innovations/innovation/",
        "/admin/innovations/innovation/{id}/change/",
        "/admin/innovations/cycle/{cycle}/change/",
        "/admin/innovations/deadlineextension/",
        "/admin/innovations/deadlineextension/add/",
    ],
)
def test_admin_pages_render(path, client, admin_user, innovation):
    InnovatorFactory(innovation=innovation)
    AttachmentFactory(innovation=innovation)
    DeadlineExtensionFactory(cycle=innovation.cycle, unit=innovation.unit)
    client.force_login(admin_user)

    response = client.get(path.format(id=innovation.pk, cycle=innovation.cycle.pk))

    assert response.status_code == 200


def test_admin_pages_closed_to_operators(client, operator):
    client.force_login(operator)

    response = client.get("/admin/innovations/innovation/")

    assert response.status_code == 302


def test_innovation_factory_profile_is_submittable(unit, operator):
    from innovations.checks import completeness_errors, deadline_errors

    innovation = InnovationFactory(unit=unit)

    assert completeness_errors(innovation) == {}
    assert deadline_errors(innovation) == {}
