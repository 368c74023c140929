"""The parts of /innovations/<id>/ formatted in Python (innovations.detail_html: the profile
section, the stages, the history's rows) are byte for byte what their template wrote, in both
languages and for every kind of value: the former template fragments (detail_reference/) are
rendered beside them.
"""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from innovations.checks import MIN_DESIGN_WORDS, count_words
from innovations.detail_html import history_rows_html, profile_html, stage_items_html
from innovations.enums import LabStage
from innovations.history import shown_history
from innovations.models import CommunitySubmitter, LabStageRecord, TransitionLog
from innovations.views import stage_progress

from .factories import CommunityInnovationFactory, InnovationFactory, design_text

pytestmark = pytest.mark.django_db


def _reference(name):
    """The fragment as detail.html had it before it moved to Python."""
    return Template((Path(__file__).parent / "detail_reference" / f"{name}.html").read_text())


TEMPLATE = _reference("profile")
STAGES = _reference("stages")
HISTORY = _reference("history")


def _template(innovation, show_contact):
    words = count_words(innovation.design)
    return TEMPLATE.render(
        Context(
            {
                "innovation": innovation,
                "show_contact": show_contact,
                "design_words": words,
                "min_design_words": MIN_DESIGN_WORDS,
            }
        )
    )


TRICKY = "A <b>\"kutip\"</b> & 'apostrof' 100%"

CASES = {
    "complete": {},
    "empty": {
        "origin": "",
        "form": "",
        "type": "",
        "initiator": "",
        "maturity": "",
        "trial_date": None,
        "implementation_date": None,
        "summary": "",
        "problem": "",
        "design": "",
        "goals": "",
        "benefits": "",
        "results": "",
        "video_url": "",
        "budget": None,
        "budget_source": "",
        "affairs": [],
        "tags": [],
    },
    "escaped": {
        "summary": TRICKY,
        "problem": TRICKY + "\n\nbaris baru",
        "design": TRICKY,
        "budget_source": TRICKY,
        "affairs": [TRICKY, "kesehatan", "pendidikan"],
        "tags": [TRICKY, "SDGs 3"],
        "video_url": "https://contoh.id/v?a=1&b=<2>",
        "results": "Naik 40% dalam 1.000 hari",
    },
    "one_word_and_zero_budget": {"design": "satu", "budget": 0, "affairs": ["kesehatan"]},
    "long_design": {"design": design_text(1234), "budget": 1_250_000_000},
    "dates": {"trial_date": datetime.date(2024, 12, 31), "implementation_date": None},
}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("show_contact", [True, False])
def test_profile_html_is_what_the_template_wrote(language, case, show_contact, unit, cycle):
    innovation = InnovationFactory(unit=unit, cycle=cycle, **CASES[case])
    innovation.refresh_from_db()

    with translation.override(language):
        assert str(profile_html(innovation, show_contact)) == _template(innovation, show_contact)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("show_contact", [True, False])
@pytest.mark.parametrize(
    "contact",
    [
        {},
        {"email": "", "phone": "", "village": ""},
        {"name": TRICKY, "email": "a&b@contoh.id", "village": TRICKY},
        None,
    ],
)
def test_profile_html_of_a_community_entry(language, show_contact, contact, cycle):
    innovation = CommunityInnovationFactory(cycle=cycle)
    if contact is None:
        CommunitySubmitter.objects.filter(innovation=innovation).delete()
    else:
        CommunitySubmitter.objects.filter(innovation=innovation).update(**contact)
    innovation = (
        type(innovation).objects.select_related("community_submitter").get(pk=innovation.pk)
    )

    with translation.override(language):
        assert str(profile_html(innovation, show_contact)) == _template(innovation, show_contact)


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("lab_stage", ["", *LabStage.values])
def test_stage_items_are_what_the_template_wrote(language, lab_stage, innovation):
    LabStageRecord.objects.create(
        innovation=innovation, stage="drum_up", reached_on=datetime.date(2025, 5, 12)
    )
    LabStageRecord.objects.create(
        innovation=innovation, stage="deliver", reached_on=datetime.date(2025, 9, 30)
    )
    innovation.lab_stage = lab_stage
    stages = stage_progress(innovation)

    with translation.override(language):
        expected = STAGES.render(Context({"stages": stages}))
        assert str(stage_items_html(stages)) == expected


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("viewer", ["operator", "curator", None])
def test_history_rows_are_what_the_template_wrote(language, viewer, users_by_role, innovation):
    user = users_by_role[viewer] if viewer else None
    moments = [datetime.datetime(2025, 1, 31, 16, 30, tzinfo=datetime.UTC), None]
    for actor, action, from_status, to_status, note in [
        ("operator", "submit", "draft", "submitted", ""),
        ("curator", "start_review", "submitted", "in_review", ""),
        ("admin", "request_revision", "in_review", "revision_requested", TRICKY),
        (None, "submit", "revision_requested", "submitted", "Otomatis\nbaris"),
        ("head", "withdraw", "submitted", "withdrawn", "<script>"),
    ]:
        entry = TransitionLog.objects.create(
            innovation=innovation,
            actor=users_by_role[actor] if actor else None,
            action=action,
            from_status=from_status,
            to_status=to_status,
            note=note,
        )
        if moments[0]:
            TransitionLog.objects.filter(pk=entry.pk).update(at=moments.pop(0))
    entries = shown_history(innovation, user)

    with translation.override(language):
        expected = HISTORY.render(Context({"history": entries}))
        assert str(history_rows_html(entries)) == expected


def test_history_row_of_a_nameless_actor_shows_the_email(users_by_role, innovation):
    curator = users_by_role["curator"]
    curator.full_name = ""
    curator.save()
    TransitionLog.objects.create(
        innovation=innovation,
        actor=curator,
        action="request_revision",
        from_status="submitted",
        to_status="revision_requested",
    )
    entries = shown_history(innovation, curator)

    assert str(history_rows_html(entries)) == HISTORY.render(Context({"history": entries}))
    assert curator.email in str(history_rows_html(entries))
