"""The profile section of /innovations/<id>/, formatted in Python (innovations.profile_html),
is byte for byte what its template wrote, in both languages and for every kind of value.
"""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from innovations.checks import MIN_DESIGN_WORDS, count_words
from innovations.models import CommunitySubmitter
from innovations.profile_html import profile_html

from .factories import CommunityInnovationFactory, InnovationFactory, design_text

pytestmark = pytest.mark.django_db

# The section as detail.html had it before it moved to Python: the reference.
TEMPLATE = Template((Path(__file__).parent / "detail_profile_reference.html").read_text())


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
