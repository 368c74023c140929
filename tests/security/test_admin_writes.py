"""The Django admin never writes around a service: it is read-only, or it calls the service.

Part of the permission matrix: an administrator's POSTs to the admin site are refused (403) for
every model whose writes carry rules (rubric lock, own-unit reviews, editable statuses, IGA
guards, agreement states), the two admins that create records do it through the service,
with its refusals, and the unit admin adds, changes and deactivates units through
`accounts.services` too.
"""

import datetime

import pytest
from django.contrib import admin as django_admin
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.models import Unit
from curation.models import Assignment, Criterion, Review
from iga.models import IgaEntry, Indicator, IndicatorScore, RegionIndicator
from innovations.models import DeadlineExtension, Innovation
from intan_banjar.admin import ReadOnlyAdmin, ServiceCreateAdmin
from reports.models import LaunchEvent
from tests.agreements.factories import AgreementFactory
from tests.curation.factories import AssignmentFactory, CuratorFactory, QueuedInnovationFactory
from tests.innovations.factories import InnovationFactory, open_cycle

pytestmark = pytest.mark.security

# The models whose writes a service guards: the admin only shows them.
READ_ONLY_MODELS = [
    Criterion,
    Assignment,
    Review,
    Innovation,
    IgaEntry,
    Indicator,
    IndicatorScore,
    RegionIndicator,
    "agreements.Agreement",
    "reports.ExportJob",
    # Issue 15: the portfolio's records (their services check who, when and the uploads).
    "portfolio.Decree",
    "portfolio.MonitoringReport",
    "portfolio.Replication",
    "portfolio.LegacyImport",
]


def _admin_of(model):
    from django.apps import apps

    if isinstance(model, str):
        model = apps.get_model(model)
    return model, django_admin.site._registry[model]


def _url(model, suffix):
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/{suffix}"


@pytest.mark.parametrize("model", READ_ONLY_MODELS, ids=str)
def test_guarded_models_are_read_only_in_the_admin(model, client, admin_user):
    model, model_admin = _admin_of(model)
    client.force_login(admin_user)

    assert isinstance(model_admin, ReadOnlyAdmin)
    assert client.get(_url(model, "")).status_code == 200
    assert client.post(_url(model, "add/"), {}).status_code == 403


def test_rubric_weights_cannot_change_in_the_admin_after_reviews(client, admin_user, unit):
    cycle = open_cycle()
    criterion = Criterion.objects.filter(cycle=cycle).order_by("order").first()
    client.force_login(admin_user)

    response = client.post(
        _url(Criterion, f"{criterion.pk}/change/"),
        {"cycle": cycle.pk, "order": criterion.order, "code": criterion.code,
         "name": criterion.name, "weight": "99"},
    )  # fmt: skip

    assert response.status_code == 403
    criterion.refresh_from_db()
    assert criterion.weight != 99
    # The change page still shows the criterion (view permission).
    assert client.get(_url(Criterion, f"{criterion.pk}/change/")).status_code == 200


def test_admin_cannot_assign_a_curator_to_their_own_unit(client, admin_user, unit):
    innovation = QueuedInnovationFactory(unit=unit, cycle=open_cycle())
    own_unit_curator = CuratorFactory(unit=unit)
    client.force_login(admin_user)

    response = client.post(
        _url(Assignment, "add/"),
        {"innovation": innovation.pk, "curator": own_unit_curator.pk, "assigned_by": admin_user.pk},
    )

    assert response.status_code == 403
    assert not Assignment.objects.filter(curator=own_unit_curator).exists()


def test_assignment_and_innovation_cannot_be_deleted_or_changed(client, admin_user, unit):
    innovation = QueuedInnovationFactory(unit=unit, cycle=open_cycle())
    assignment = AssignmentFactory(innovation=innovation)
    client.force_login(admin_user)

    deleted = client.post(_url(Assignment, f"{assignment.pk}/delete/"), {"post": "yes"})
    changed = client.post(
        _url(Innovation, f"{innovation.pk}/change/"), {"title": "Diubah lewat admin"}
    )

    assert deleted.status_code == 403
    assert changed.status_code == 403
    assert Assignment.objects.filter(pk=assignment.pk).exists()
    innovation.refresh_from_db()
    assert innovation.title != "Diubah lewat admin"


def test_agreement_status_cannot_be_set_in_the_admin(client, admin_user, unit):
    agreement = AgreementFactory(unit=unit, cycle=open_cycle())
    client.force_login(admin_user)

    response = client.post(_url(agreement.__class__, f"{agreement.pk}/change/"), {})

    assert response.status_code == 403


@pytest.mark.parametrize("model", [DeadlineExtension, LaunchEvent], ids=str)
def test_creating_admins_go_through_their_service(model, client, admin_user):
    model_admin = django_admin.site._registry[model]
    assert isinstance(model_admin, ServiceCreateAdmin)


def test_deadline_extension_added_in_the_admin_goes_through_the_service(client, admin_user, unit):
    cycle = open_cycle()
    client.force_login(admin_user)
    until = cycle.submission_deadline + datetime.timedelta(days=7)

    response = client.post(
        _url(DeadlineExtension, "add/"),
        {"cycle": cycle.pk, "unit": unit.pk, "until": until.isoformat(), "reason": "Banjir"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    extension = DeadlineExtension.objects.get(cycle=cycle, unit=unit)
    assert extension.granted_by == admin_user
    assert extension.until == until
    # Existing extensions are not changed in the admin.
    assert client.post(_url(DeadlineExtension, f"{extension.pk}/change/"), {}).status_code == 403


def test_deadline_extension_refused_by_the_service_is_not_stored(client, admin_user, unit):
    cycle = open_cycle()
    client.force_login(admin_user)
    too_early = cycle.submission_deadline - datetime.timedelta(days=1)

    response = client.post(
        _url(DeadlineExtension, "add/"),
        {"cycle": cycle.pk, "unit": unit.pk, "until": too_early.isoformat()},
        follow=True,
    )

    assert response.status_code == 200
    assert not DeadlineExtension.objects.filter(cycle=cycle, unit=unit).exists()
    with translation.override("id"):
        reason = str(_("An extension must end after the cycle's submission deadline."))
    assert escape(reason) in response.content.decode()


def test_launch_event_added_in_the_admin_records_its_creator(client, admin_user):
    cycle = open_cycle()
    client.force_login(admin_user)

    response = client.post(
        _url(LaunchEvent, "add/"),
        {"cycle": cycle.pk, "name": "Launching INTAN BANJAR", "date": "2026-12-11", "venue": ""},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    event = LaunchEvent.objects.get(cycle=cycle)
    assert event.created_by == admin_user


def test_innovation_admin_page_still_shows_an_innovation(client, admin_user, unit):
    innovation = InnovationFactory(unit=unit, cycle=open_cycle())
    client.force_login(admin_user)

    response = client.get(_url(Innovation, f"{innovation.pk}/change/"))

    assert response.status_code == 200
    assert innovation.title in response.content.decode()


def test_a_service_refusal_in_the_admin_is_shown_and_nothing_is_stored(
    client, admin_user, unit, monkeypatch
):
    """Rules the form cannot see (the service's own) still stop the admin's write."""
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"until": ["Ditolak oleh layanan."]})

    monkeypatch.setattr("innovations.admin.deadline_extension_grant", refuse)
    cycle = open_cycle()
    client.force_login(admin_user)
    until = cycle.submission_deadline + datetime.timedelta(days=7)

    response = client.post(
        _url(DeadlineExtension, "add/"),
        {"cycle": cycle.pk, "unit": unit.pk, "until": until.isoformat()},
        follow=True,
    )

    assert response.status_code == 200
    assert "Ditolak oleh layanan." in response.content.decode()
    assert not DeadlineExtension.objects.filter(cycle=cycle, unit=unit).exists()


def _unit_form(unit, **changes):
    """The unit's change form as the admin posts it (an unchecked box is left out)."""
    data = {
        "code": unit.code,
        "name": unit.name,
        "kind": unit.kind,
        "parent": unit.parent_id or "",
        "kecamatan": unit.kecamatan_id or "",
        "kemendagri_code": unit.kemendagri_code,
        "head_name": unit.head_name,
        "head_nip": unit.head_nip,
        "head_title": unit.head_title,
        "active": "on" if unit.active else "",
        "merged_into": unit.merged_into_id or "",
        "verification": unit.verification,
        **changes,
    }
    return {name: value for name, value in data.items() if value != ""}


@pytest.fixture
def unit_update_calls(monkeypatch):
    """Record every call of `unit_update` made by the unit admin (which still writes)."""
    from accounts import admin as accounts_admin
    from accounts.services import unit_update

    calls = []

    def recording(*, unit, **fields):
        calls.append((unit.pk, fields))
        return unit_update(unit=unit, **fields)

    monkeypatch.setattr(accounts_admin, "unit_update", recording)
    return calls


def test_unit_added_in_the_admin_goes_through_the_service(client, admin_user, monkeypatch):
    from accounts import admin as accounts_admin
    from accounts.services import unit_create

    calls = []

    def recording(**fields):
        calls.append(fields["code"])
        return unit_create(**fields)

    monkeypatch.setattr(accounts_admin, "unit_create", recording)
    client.force_login(admin_user)
    new = Unit(code="UPT-BARU", name="UPT Baru", kind="perangkat_daerah")

    response = client.post(_url(Unit, "add/"), _unit_form(new))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert calls == ["UPT-BARU"]
    assert Unit.objects.get(code="UPT-BARU").name == "UPT Baru"


def _refuse_unit_update(monkeypatch):
    from django.core.exceptions import ValidationError

    def refuse(**kwargs):
        raise ValidationError({"active": ["Ditolak oleh layanan."]})

    monkeypatch.setattr("accounts.admin.unit_update", refuse)


def test_unit_deactivated_in_the_admin_goes_through_the_service(
    client, admin_user, unit, unit_update_calls
):
    client.force_login(admin_user)

    response = client.post(_url(Unit, f"{unit.pk}/change/"), _unit_form(unit, active=""))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert unit_update_calls == [(unit.pk, {"active": False})]
    unit.refresh_from_db()
    assert not unit.active


def test_unit_change_refused_by_the_service_is_shown_and_not_stored(
    client, admin_user, unit, monkeypatch
):
    _refuse_unit_update(monkeypatch)
    client.force_login(admin_user)

    response = client.post(
        _url(Unit, f"{unit.pk}/change/"),
        _unit_form(unit, active="", name="Nama Baru"),
        follow=True,
    )

    assert response.status_code == 200
    assert "Ditolak oleh layanan." in response.content.decode()
    unit.refresh_from_db()
    assert unit.active and unit.name != "Nama Baru"


def test_unit_deactivate_action_goes_through_the_service(
    client, admin_user, unit, other_unit, unit_update_calls
):
    client.force_login(admin_user)

    response = client.post(
        _url(Unit, ""),
        {"action": "deactivate", "_selected_action": [unit.pk, other_unit.pk]},
    )

    assert response.status_code == 302
    assert unit_update_calls == [(unit.pk, {"active": False}), (other_unit.pk, {"active": False})]
    assert not Unit.objects.filter(pk__in=[unit.pk, other_unit.pk], active=True).exists()


def test_unit_deactivate_action_refused_by_the_service_changes_nothing(
    client, admin_user, unit, other_unit, monkeypatch
):
    _refuse_unit_update(monkeypatch)
    client.force_login(admin_user)

    response = client.post(
        _url(Unit, ""),
        {"action": "deactivate", "_selected_action": [unit.pk, other_unit.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert "Ditolak oleh layanan." in response.content.decode()
    assert Unit.objects.filter(pk__in=[unit.pk, other_unit.pk], active=True).count() == 2
