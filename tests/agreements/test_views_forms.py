"""The agreement forms as people meet them: prefilled signatory, saved dates, NIPs typed as
printed, and the error banner that names and links the fields."""

from accounts.enums import Role
from agreements.enums import AgreementStatus
from tests.factories import UnitFactory, UserFactory
from tests.form_banner import banner_links, field_value

from .factories import AgreementFactory
from .view_helpers import detail

SPACED_NIP = "19780512 200312 1 004"


def test_sign_form_prefilled_from_unit_head_when_draft_has_none(login, cycle):
    unit = UnitFactory(
        head_name="Hj. Rahmawati, S.E.", head_nip="197805122003121004", head_title="Camat Gambut"
    )
    agreement = AgreementFactory(
        unit=unit, cycle=cycle, signatory_name="", signatory_nip="", signatory_title=""
    )
    head = UserFactory(role=Role.HEAD, unit=unit)

    html = login(head).get(detail(agreement)).content.decode()

    assert field_value(html, "id_sign-signatory_name") == "Hj. Rahmawati, S.E."
    assert field_value(html, "id_sign-signatory_nip") == "197805122003121004"
    assert field_value(html, "id_sign-signatory_title") == "Camat Gambut"
    assert field_value(html, "id_edit-signatory_name") == "Hj. Rahmawati, S.E."


def test_sign_form_prefilled_from_heads_account_when_unit_has_no_head(login, cycle):
    unit = UnitFactory(head_name="", head_nip="", head_title="")
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    head = UserFactory(
        role=Role.HEAD, unit=unit, full_name="Ir. Budi Santoso", nip="196905051995031002"
    )

    html = login(head).get(detail(agreement)).content.decode()

    assert field_value(html, "id_sign-signatory_name") == "Ir. Budi Santoso"
    assert field_value(html, "id_sign-signatory_nip") == "196905051995031002"


def test_edit_form_of_operator_not_filled_with_operators_own_name(login, cycle):
    unit = UnitFactory(head_name="", head_nip="", head_title="")
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    operator = UserFactory(role=Role.OPERATOR, unit=unit, full_name="Operator Sendiri")

    html = login(operator).get(detail(agreement)).content.decode()

    assert field_value(html, "id_edit-signatory_name") is None


def test_sign_form_keeps_what_the_draft_holds_over_the_unit(login, head, agreement):
    agreement.signatory_title = "Plt. Kepala Dinas"
    agreement.save()

    html = login(head).get(detail(agreement)).content.decode()

    assert field_value(html, "id_sign-signatory_title") == "Plt. Kepala Dinas"


def test_sign_form_head_changes_prefilled_values_and_nip_with_spaces(login, head, agreement):
    response = login(head).post(
        detail(agreement),
        {
            "action": "sign",
            "sign-signatory_name": "Dr. Hj. Siti Aminah",
            "sign-signatory_nip": SPACED_NIP,
            "sign-signatory_title": "Plt. Kepala Dinas",
            "sign-signed_on": "2025-06-01",
        },
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signatory_name == "Dr. Hj. Siti Aminah"
    assert agreement.signatory_nip == "197805122003121004"
    assert agreement.signatory_title == "Plt. Kepala Dinas"
    assert str(agreement.signed_on) == "2025-06-01"


def test_sign_form_date_shows_today_as_iso_in_indonesian(login, head, agreement):
    client = login(head)
    client.cookies["django_language"] = "id"

    html = client.get(detail(agreement)).content.decode()

    assert field_value(html, "id_sign-signed_on") == "2025-06-02"


def test_sign_form_errors_banner_links_each_field(login, head, agreement):
    response = login(head).post(
        detail(agreement),
        {
            "action": "sign",
            "sign-signatory_name": "",
            "sign-signatory_nip": "1978 0512",
            "sign-signatory_title": "Kepala Dinas",
            "sign-signed_on": "2025-06-01",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert banner_links(html) == ["id_sign-signatory_name", "id_sign-signatory_nip"]
    assert 'id="id_sign-signatory_nip"' in html
    assert field_value(html, "id_sign-signed_on") == "2025-06-01"


def test_edit_form_errors_banner_links_each_field(login, operator, agreement):
    response = login(operator).post(
        detail(agreement),
        {
            "action": "edit",
            "edit-committed_count": "0",
            "edit-signatory_name": "A",
            "edit-signatory_nip": "x",
            "edit-signatory_title": "B",
        },
    )

    assert response.status_code == 400
    assert banner_links(response.content.decode()) == [
        "id_edit-committed_count",
        "id_edit-signatory_nip",
    ]


def test_edit_form_stores_nip_typed_with_spaces(login, operator, agreement):
    response = login(operator).post(
        detail(agreement),
        {
            "action": "edit",
            "edit-committed_count": "2",
            "edit-signatory_name": "A",
            "edit-signatory_nip": SPACED_NIP,
            "edit-signatory_title": "B",
        },
    )

    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.signatory_nip == "197805122003121004"


def test_reject_form_errors_banner_links_the_note(login, admin_user, signed):
    response = login(admin_user).post(detail(signed), {"action": "reject", "reject-note": ""})

    assert response.status_code == 400
    assert banner_links(response.content.decode()) == ["id_reject-note"]


def test_create_form_errors_banner_links_the_count(login, operator, cycle):
    response = login(operator).post("/agreements/new/", {"committed_count": "x"})

    assert response.status_code == 400
    assert banner_links(response.content.decode()) == ["id_committed_count"]
