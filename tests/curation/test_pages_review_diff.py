"""The review page's "changed since the previous round": labels, dates, choices and files as
people read them, never the snapshot's raw values."""

import datetime

import pytest
from django.conf import settings
from django.test import Client

from innovations.enums import AttachmentKind, HelixActor, Maturity
from innovations.services import innovation_transition, innovation_update
from tests.innovations.factories import AttachmentFactory, InnovationFactory

from .page_helpers import html, review_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def revised(operator, curator, unit, cycle):
    """An innovation resubmitted with a new maturity, trial date, budget, file, people."""
    innovation = InnovationFactory(unit=unit, cycle=cycle, maturity=Maturity.UJI_COBA)
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(
        innovation=innovation, action="request_revision", by=curator, note="Lengkapi bukti."
    )
    AttachmentFactory(
        innovation=innovation, filename="sk-bupati.pdf", kind=AttachmentKind.REGULATION
    )
    innovation_update(
        innovation=innovation,
        by=operator,
        maturity=Maturity.PENERAPAN,
        trial_date=datetime.date(2025, 5, 1),
        budget=30_000_000,
        tags=["SDGs 16", "Pelayanan publik"],
        innovators=[{"name": "Siti Aminah", "nip": "198502142010012003"}],
        partners=[{"actor": HelixActor.AKADEMISI, "name": "ULM", "role": "Evaluasi"}],
    )
    innovation_transition(innovation=innovation, action="submit", by=operator)
    return innovation


def changes_section(client, innovation):
    page = html(client.get(review_url(innovation)))
    start = page.index("data-changes")
    return page[start : page.index("</section>", start)]


def reader(user, language):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(user)
    return client


def test_review_diff_shows_indonesian_dates_and_labels(curator, revised):
    section = changes_section(reader(curator, "id"), revised)

    assert "1 Mei 2025" in section and "1 Maret 2025" in section
    assert "2025-05-01" not in section
    assert "Rp 30.000.000" in section and "Rp 25.000.000" in section


def test_review_diff_shows_choice_labels_files_and_people_not_raw_values(curator, revised):
    section = changes_section(reader(curator, "en"), revised)

    for field in ("maturity", "trial_date", "budget", "tags", "innovators", "partners"):
        assert f'data-field="{field}"' in section
    assert 'data-field="attachments"' in section
    assert "Trial" in section and "Implementation" in section
    assert "Maturity (tahapan)" in section and "Trial date" in section
    assert "sk-bupati.pdf (Decree / regulation)" in section
    assert "Siti Aminah (NIP 198502142010012003)" in section
    assert "ULM (Academia · Evaluasi)" in section
    assert "SDGs 16<br>Pelayanan publik" in section
    for raw in ("uji_coba", "penerapan", "akademisi", "{", "[", "&#x27;"):
        assert raw not in section
