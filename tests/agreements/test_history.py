"""The agreement's history as people read it: an update lists the fields it was given by their
labels in the reader's language, though the row stores the fields' names."""

from django.utils import translation

from agreements import services
from agreements.enums import AgreementAction
from agreements.models import AgreementEvent

from .view_helpers import detail

FIELD_NAMES = "committed_count, planned_titles, signatory_name, signatory_nip, signatory_title"


def stored_update(agreement, actor, note=FIELD_NAMES):
    """An update row as production already holds them."""
    return AgreementEvent.objects.create(
        agreement=agreement, actor=actor, action=AgreementAction.UPDATE, note=note
    )


def test_update_note_shown_as_labels_in_english(agreement, operator):
    event = stored_update(agreement, operator)

    with translation.override("en"):
        shown = event.shown_note

    assert shown == (
        "Committed innovations, planned titles, signatory's name, signatory's NIP, "
        "signatory's title"
    )


def test_update_note_shown_as_labels_in_indonesian(agreement, operator):
    event = stored_update(agreement, operator)

    with translation.override("id"):
        shown = event.shown_note

    assert shown == (
        "Inovasi yang dijanjikan, rencana judul, nama penanda tangan, NIP penanda tangan, "
        "jabatan penanda tangan"
    )


def test_update_note_with_a_name_the_model_lacks_keeps_it(agreement, operator):
    event = stored_update(agreement, operator, note="committed_count, old_field")

    with translation.override("en"):
        assert event.shown_note == "Committed innovations, old_field"


def test_reject_note_shown_as_typed(signed, curator):
    services.agreement_reject(agreement=signed, by=curator, note="committed_count salah")

    assert signed.events.last().shown_note == "committed_count salah"


def test_detail_page_history_shows_update_labels_not_field_names(login, operator, agreement):
    services.agreement_update(
        agreement=agreement, by=operator, committed_count=agreement.committed_count + 1
    )
    stored_update(agreement, operator)
    client = login(operator)
    client.cookies["django_language"] = "en"

    html = client.get(detail(agreement)).content.decode()

    assert "signatory_nip" not in html.split('id="history-title"')[1]
    assert ">Committed innovations</div>" in html
    assert "Committed innovations, planned titles, signatory&#x27;s name" in html
