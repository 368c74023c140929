"""E-mail content: Indonesian by default, plain text and HTML, the exact page's link."""

import datetime

import pytest
from django.utils import translation
from django.utils.translation import gettext

from agreements.models import Agreement
from notifications.enums import Kind
from notifications.models import Notification
from notifications.outbox import Planned, notifications_queue
from notifications.services import reminders_sweep
from tests.innovations.factories import InnovationFactory

pytestmark = pytest.mark.django_db


def indonesian(msgid):
    with translation.override("id"):
        return gettext(msgid)


def test_reminder_email_indonesian_dates_and_link(cycle, operator, settings, sent):
    settings.SITE_URL = "https://intan.banjarkab.go.id"

    reminders_sweep(today=datetime.date(2025, 2, 27))

    row = Notification.objects.get(kind=Kind.AGREEMENT_UNSIGNED)
    assert "28 Februari 2025" in row.body_text  # "11 Desember 2025" style, Indonesian months
    assert "28 Februari 2025" in row.body_html
    assert row.link == "https://intan.banjarkab.go.id/agreements/"
    assert row.link in row.body_text and f'href="{row.link}"' in row.body_html
    assert indonesian("Open in the portal:") in row.body_text


def test_event_email_sent_as_multipart_from_the_portal(
    unit, operator, settings, sent, django_capture_on_commit_callbacks
):
    from innovations.services import innovation_transition
    from tests.innovations.factories import open_cycle

    settings.SITE_URL = "https://intan.banjarkab.go.id"
    settings.DEFAULT_FROM_EMAIL = "INTAN BANJAR <intan@banjarkab.go.id>"
    settings.EMAIL_REPLY_TO = "bappedalitbang@banjarkab.go.id"
    innovation = InnovationFactory(unit=unit, cycle=open_cycle(), title="Sehat & Cepat <Desa>")

    with django_capture_on_commit_callbacks(execute=True):
        innovation_transition(innovation=innovation, action="submit", by=operator)

    (message,) = sent
    assert message.from_email == "INTAN BANJAR <intan@banjarkab.go.id>"
    assert message.reply_to == ["bappedalitbang@banjarkab.go.id"]
    assert message.to == [operator.email]
    assert innovation.code in message.subject
    assert "Sehat & Cepat <Desa>" in message.body  # plain text is not HTML-escaped
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Sehat &amp; Cepat &lt;Desa&gt;" in html
    link = f"https://intan.banjarkab.go.id/innovations/{innovation.pk}/"
    assert link in message.body and link in html
    greeting = indonesian("Dear %(name)s,") % {"name": operator.full_name}
    assert message.body.startswith(greeting)


def test_email_in_the_recipients_language(unit, operator, head, cycle):
    operator.language = "en"  # an account that chose English; the default is Indonesian
    planned = [
        Planned(
            kind=Kind.AGREEMENT_READY,
            key="test:lang",
            context={"agreement": None, "unit": unit, "cycle": cycle},
            recipient=user,
        )
        for user in (operator, head)
    ]

    notifications_queue(planned=planned)

    english = Notification.objects.get(recipient=operator)
    default = Notification.objects.get(recipient=head)
    assert "28 February 2025" in english.body_text
    assert "28 Februari 2025" in default.body_text
    msgid = "The Perjanjian Inovasi Daerah %(year)s is ready for your signature"
    with translation.override("id"):
        assert default.subject == gettext(msgid) % {"year": 2025}
    with translation.override("en"):
        assert english.subject == gettext(msgid) % {"year": 2025}


def test_every_kind_has_its_three_templates():
    from django.template.loader import get_template

    for kind in Kind.values:
        for suffix in ("_subject.txt", ".txt", ".html"):
            get_template(f"notifications/email/{kind}{suffix}")


def test_agreement_ready_email_mentions_unit_and_deadline(unit, cycle, head):
    from notifications.services import notify_agreement_ready

    agreement = Agreement.objects.create(unit=unit, cycle=cycle)

    (row,) = notify_agreement_ready(agreement=agreement)

    assert unit.name in row.body_text
    assert "28 Februari 2025" in row.body_text
    assert row.link.endswith(f"/agreements/{agreement.pk}/")


@pytest.mark.parametrize("language", ["id", "en"])
def test_email_html_names_the_language_it_is_written_in(language):
    """Screen readers pick their voice by the page's lang: an English e-mail is not "id"."""
    from notifications.rendering import render_message

    with translation.override("id"):
        rendered = render_message(
            "invitation", {"link": "https://x.test/i/", "days": 3}, language=language
        )

    assert f'<html lang="{language}">' in rendered.html
