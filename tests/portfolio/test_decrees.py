"""Decrees (SK): recorded with their scan, their state on both sides of the dates, flagged on the
readiness page, evidence of the IID, and reminded once before they lapse."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from iga.readiness import readiness_of
from innovations.enums import AttachmentKind, Status
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict
from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import reminders_sweep
from portfolio.decrees import decree_create, decree_delete, decree_update
from portfolio.enums import DecreeKind, DecreeState
from portfolio.models import Decree
from tests.innovations.factories import PDF_BYTES, PNG_BYTES

from .factories import DecreeFactory, LaunchedFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 12, 6)


def scan(name="sk.pdf", content=PDF_BYTES):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def decree_fields(**changes):
    return {
        "kind": DecreeKind.BUPATI,
        "number": "188.45/012/2025",
        "issued_on": datetime.date(2025, 3, 1),
        "signatory": "H. Saidi Mansyur, Bupati Banjar",
        **changes,
    }


def test_decree_with_its_scan_is_evidence_of_indicator_16(operator, launched):
    decree = decree_create(innovation=launched, by=operator, document=scan(), **decree_fields())

    attachment = decree.document
    assert attachment.innovation == launched
    assert (attachment.kind, attachment.indicator) == (AttachmentKind.REGULATION, 16)
    row = next(r for r in readiness_of(launched).rows if r.number == 16)
    assert attachment in row.evidence
    assert row.suggested_level == 1


def test_decree_scan_keeps_the_name_it_downloads_with(operator, launched):
    """Checked by content: a PNG sent as "sk.pdf" is kept, and listed, as "sk.png"."""
    decree = decree_create(
        innovation=launched, by=operator, document=scan("sk.pdf", PNG_BYTES), **decree_fields()
    )

    assert decree.document.filename == "sk.png"


def test_decree_scan_follows_the_upload_rules(operator, launched):
    with pytest.raises(InvalidInput):
        decree_create(
            innovation=launched,
            by=operator,
            document=scan("sk.pdf", b"MZ\x90\x00 not a pdf"),
            **decree_fields(),
        )
    assert not Decree.objects.exists() and not launched.attachments.exists()


def test_decree_refused_to_other_units_and_on_closed_innovations(users_by_role, unit):
    with pytest.raises(Refused):
        decree_create(
            innovation=LaunchedFactory(unit=unit),
            by=users_by_role["other_operator"],
            **decree_fields(),
        )
    with pytest.raises(Refused):
        decree_create(
            innovation=LaunchedFactory(unit=unit), by=users_by_role["curator"], **decree_fields()
        )
    rejected = LaunchedFactory(unit=unit, status=Status.REJECTED)
    with pytest.raises(StateConflict):
        decree_create(innovation=rejected, by=users_by_role["operator"], **decree_fields())


def test_decree_number_once_per_innovation_and_dates_in_order(operator, launched):
    decree_create(innovation=launched, by=operator, **decree_fields())
    with pytest.raises(InvalidInput):
        decree_create(innovation=launched, by=operator, **decree_fields())
    with pytest.raises(InvalidInput):
        decree_create(
            innovation=launched,
            by=operator,
            **decree_fields(number="2", valid_until=datetime.date(2025, 2, 1)),
        )


def test_replacing_and_removing_the_scan(operator, launched):
    decree = decree_create(innovation=launched, by=operator, document=scan(), **decree_fields())
    first = decree.document

    decree = decree_update(decree=decree, by=operator, document=scan("baru.pdf"), indicator=23)

    assert decree.document.filename == "baru.pdf" and decree.document.indicator == 23
    assert not type(first).objects.filter(pk=first.pk).exists()
    decree_delete(decree=decree, by=operator)
    assert not launched.attachments.exists()


@pytest.mark.parametrize(
    ("valid_until", "state"),
    [
        (None, DecreeState.VALID),
        (TODAY + datetime.timedelta(days=61), DecreeState.VALID),
        (TODAY + datetime.timedelta(days=60), DecreeState.EXPIRING),
        (TODAY, DecreeState.EXPIRING),
        (TODAY - datetime.timedelta(days=1), DecreeState.EXPIRED),
    ],
)
def test_decree_state_on_both_sides_of_its_end(valid_until, state):
    decree = Decree(issued_on=datetime.date(2025, 3, 1), valid_until=valid_until)
    assert decree.state(TODAY) == state


def test_decree_not_yet_in_force():
    decree = Decree(issued_on=TODAY, valid_from=TODAY + datetime.timedelta(days=1))
    assert decree.state(TODAY) == DecreeState.PENDING
    assert decree.state(TODAY + datetime.timedelta(days=1)) == DecreeState.VALID


def test_readiness_page_flags_a_lapsing_decree(client, operator, launched):
    DecreeFactory(innovation=launched, valid_until=datetime.date.today() + datetime.timedelta(7))
    client.force_login(operator)

    page = client.get(reverse("iga:readiness", args=[launched.pk])).content.decode()

    assert "data-readiness-alerts" in page
    assert 'data-indicator="16" class="table-warning"' in page or "data-fact" in page


def test_readiness_api_lists_the_decree_fact(api_as, operator, launched):
    DecreeFactory(innovation=launched, valid_until=datetime.date.today() - datetime.timedelta(1))

    body = api_as(operator).get(f"/api/v1/innovations/{launched.pk}/iid/").json()

    row = next(r for r in body["indicators"] if r["number"] == 16)
    (fact,) = row["facts"]
    assert fact["alert"] is True and fact["level"] is None
    assert fact["url"].endswith(f"/portfolio/innovations/{launched.pk}/#decrees")


def test_a_lapsed_decree_renewed_is_no_longer_an_alert(launched):
    DecreeFactory(
        innovation=launched,
        issued_on=datetime.date(2024, 1, 1),
        valid_until=datetime.date(2024, 12, 31),
    )
    DecreeFactory(innovation=launched, issued_on=datetime.date(2025, 1, 1), valid_until=None)

    row = next(r for r in readiness_of(launched).rows if r.number == 16)

    assert row.alerts == [] and row.suggested_level == 1


# --- reminders --------------------------------------------------------------------------------


def decree_reminders():
    return Notification.objects.filter(kind=Kind.DECREE_EXPIRING)


@pytest.mark.parametrize(("days", "sent"), [(61, 0), (60, 1), (59, 0), (30, 1), (7, 1), (1, 1)])
def test_decree_reminder_at_its_offsets(operator, head, launched, days, sent):
    DecreeFactory(innovation=launched, valid_until=TODAY + datetime.timedelta(days=days))

    reminders_sweep(today=TODAY)

    assert decree_reminders().count() == sent * 2  # the unit's operator and head
    if sent:
        assert {n.recipient for n in decree_reminders()} == {operator, head}


def test_decree_reminder_sent_once(operator, launched):
    DecreeFactory(innovation=launched, valid_until=TODAY + datetime.timedelta(days=30))

    reminders_sweep(today=TODAY)
    reminders_sweep(today=TODAY)

    assert decree_reminders().count() == 1
    assert "30" in decree_reminders().get().subject


def test_no_reminder_for_a_renewed_decree_or_a_closed_innovation(operator, unit, launched):
    ends = TODAY + datetime.timedelta(days=30)
    DecreeFactory(innovation=launched, issued_on=datetime.date(2024, 1, 1), valid_until=ends)
    DecreeFactory(innovation=launched, issued_on=datetime.date(2025, 1, 1), valid_until=None)
    withdrawn = LaunchedFactory(unit=unit, status=Status.WITHDRAWN)
    DecreeFactory(innovation=withdrawn, valid_until=ends)

    reminders_sweep(today=TODAY)

    assert not decree_reminders().exists()


# --- pages and API ----------------------------------------------------------------------------


def test_decree_recorded_on_the_portfolio_page(client, operator, launched):
    client.force_login(operator)
    response = client.post(
        reverse("portfolio:decree-add", args=[launched.pk]),
        {**decree_fields(issued_on="2025-03-01"), "indicator": 16, "document": scan()},
    )
    assert response.status_code == 302
    decree = Decree.objects.get()
    assert decree.document is not None
    page = client.get(reverse("portfolio:innovation", args=[launched.pk])).content.decode()
    assert f'data-decree="{decree.pk}"' in page


def test_decree_page_form_errors_come_back(client, operator, launched):
    client.force_login(operator)
    response = client.post(
        reverse("portfolio:decree-add", args=[launched.pk]),
        {**decree_fields(issued_on="2025-03-01", valid_until="2025-01-01"), "indicator": 16},
    )
    assert response.status_code == 400
    assert not Decree.objects.exists()


def test_decree_api_create_patch_delete(api_as, operator, launched):
    api = api_as(operator)
    url = f"/api/v1/innovations/{launched.pk}/decrees/"

    created = api.post(url, {**decree_fields(issued_on="2025-03-01"), "document": scan()})
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["state"] == "valid" and body["document"]["filename"] == "sk.pdf"
    detail = f"{url}{body['id']}/"
    patched = api.patch(detail, {"valid_until": "2025-12-31"}, format="json")
    assert patched.json()["state"] == "expired"
    assert api.delete(detail).status_code == 204
    assert api.get(url).json() == []


def test_decree_api_refuses_other_roles_before_reading(api_as, curator, launched):
    response = api_as(curator).post(f"/api/v1/innovations/{launched.pk}/decrees/", {})
    assert response.status_code == 403


def test_decree_api_too_large_is_413(api_as, operator, launched, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    response = api_as(operator).post(
        f"/api/v1/innovations/{launched.pk}/decrees/",
        {**decree_fields(issued_on="2025-03-01"), "document": scan()},
    )
    assert response.status_code == 413


def test_region_list_of_lapsing_decrees(api_as, curator, launched):
    soon = DecreeFactory(
        innovation=launched, valid_until=datetime.date.today() + datetime.timedelta(10)
    )
    DecreeFactory(innovation=launched, valid_until=None)

    body = api_as(curator).get("/api/v1/decrees/", {"state": "expiring"}).json()

    assert [d["id"] for d in body["results"]] == [soon.pk]
