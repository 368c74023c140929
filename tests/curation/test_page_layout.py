"""The curation pages fit a phone (375 px): rows of buttons and selects wrap, long unit names and
badges break onto the next line, and tables scroll inside their own `.table-responsive` box."""

import pytest
from django.urls import reverse

from curation.note_templates import note_template_save
from tests.factories import UnitFactory
from tests.layout import content, overflows

from .factories import AssignmentFactory, QueuedInnovationFactory

pytestmark = pytest.mark.django_db

LONG_UNIT = (
    "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
)
LONG_TITLE = "Sistem Informasi Pelayanan Terpadu Satu Pintu Berbasis Elektronik Kecamatan Martapura"


@pytest.fixture
def waiting(cycle, curator):
    """An innovation of a unit with a long name, assigned to `curator`, overdue for weeks."""
    innovation = QueuedInnovationFactory(
        cycle=cycle, unit=UnitFactory(name=LONG_UNIT), title=LONG_TITLE, waiting_days=40
    )
    AssignmentFactory(innovation=innovation, curator=curator)
    return innovation


@pytest.fixture
def pages(client, admin_user, curator, lead_curator, cycle, waiting):
    note_template_save(by=lead_curator, action="reject", title="Duplikat", body="Sama.")
    year = {"year": cycle.year}
    auto_assign = f"{reverse('curation:auto_assign')}?year={cycle.year}"
    client.force_login(curator)
    as_curator = {
        "queue": client.get(reverse("curation:queue"), year),
        "review": client.get(reverse("curation:review", args=[waiting.pk])),
        "rubric_read_only": client.get(reverse("curation:rubric"), year),
    }
    client.force_login(admin_user)
    return {
        **as_curator,
        "dashboard": client.get(reverse("curation:dashboard"), year),
        "review_assigning": client.get(reverse("curation:review", args=[waiting.pk])),
        "rubric_form": client.get(reverse("curation:rubric"), year),
        "note_templates": client.get(reverse("curation:note_templates")),
        "auto_assign": client.post(auto_assign, {"k": 2}),
    }


@pytest.mark.parametrize(
    "page",
    [
        "queue",
        "review",
        "rubric_read_only",
        "dashboard",
        "review_assigning",
        "rubric_form",
        "note_templates",
        "auto_assign",
    ],
)
def test_curation_pages_wrap_their_rows_and_box_their_tables(pages, page):
    assert overflows(content(pages[page])) == []


def test_dashboard_overdue_line_shows_the_long_unit_name_and_the_days(pages, waiting):
    html = content(pages["dashboard"])

    assert f'data-overdue="{waiting.pk}"' in html
    assert f"{LONG_UNIT} · 40 hari" in html


def test_queue_shows_the_curators_progress_badge(pages):
    """The badge the layout check above reads: long enough in Indonesian to need wrapping."""
    html = content(pages["queue"])

    assert "Sudah saya nilai: 0 dari 1 yang ditugaskan kepada saya" in html
