"""Submitting needs a complete profile, 300 words of design and an open deadline (in WITA)."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import translation

from innovations.checks import count_words
from innovations.enums import Status
from innovations.services import innovation_transition

from .factories import DeadlineExtensionFactory, InnovationFactory, open_cycle, words

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("satu dua tiga", 3),
        ("  satu\n\ndua\ttiga  ", 3),
        ("anak-anak bermain — di halaman - rumah", 5),
        ("Rp 10.000 per orang, (dua) kali.", 6),
        ("• • •", 0),
    ],
)
def test_count_words_like_a_reader(text, expected):
    assert count_words(text) == expected


def _submit(innovation, user):
    return innovation_transition(innovation=innovation, action="submit", by=user)


def test_submit_design_of_299_words_refused(innovation, operator):
    innovation.design = words(299)
    innovation.save()

    with pytest.raises(ValidationError) as refused:
        _submit(innovation, operator)

    assert list(refused.value.message_dict) == ["design"]
    assert "299" in refused.value.message_dict["design"][0]
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT
    assert not innovation.versions.exists()


def test_submit_design_of_300_words_accepted(innovation, operator):
    innovation.design = words(300)
    innovation.save()

    _submit(innovation, operator)

    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


@pytest.mark.parametrize(
    "field",
    [
        "title",
        "origin",
        "form",
        "type",
        "initiator",
        "maturity",
        "summary",
        "problem",
        "design",
        "goals",
        "benefits",
    ],
)
def test_submit_incomplete_profile_refused_per_field(field, innovation, operator):
    setattr(innovation, field, "   " if field in ("title", "summary") else "")
    innovation.save()

    with pytest.raises(ValidationError) as refused:
        _submit(innovation, operator)

    assert set(refused.value.message_dict) == {field}


def test_submit_optional_fields_may_stay_empty(innovation, operator):
    innovation.results = ""
    innovation.budget = None
    innovation.video_url = ""
    innovation.save()

    _submit(innovation, operator)

    assert innovation.status == Status.SUBMITTED


def test_submit_after_deadline_refused(unit, operator):
    cycle = open_cycle(submission_deadline=datetime.date(2020, 9, 30), year=2020)
    innovation = InnovationFactory(unit=unit, cycle=cycle)

    with pytest.raises(ValidationError) as refused:
        _submit(innovation, operator)

    assert list(refused.value.message_dict) == ["submission_deadline"]
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


@pytest.mark.parametrize(("language", "shown"), [("en", "31 August"), ("id", "31 Agustus")])
def test_submit_after_deadline_writes_the_date_as_the_pages_do(language, shown, unit, operator):
    cycle = open_cycle(submission_deadline=datetime.date(2020, 8, 31), year=2020)
    innovation = InnovationFactory(unit=unit, cycle=cycle)

    with translation.override(language), pytest.raises(ValidationError) as refused:
        _submit(innovation, operator)

    (message,) = refused.value.message_dict["submission_deadline"]
    assert f"({shown} 2020)" in message
    assert "2020-08-31" not in message


def test_submit_after_deadline_with_valid_extension_accepted(unit, operator):
    cycle = open_cycle(submission_deadline=datetime.date(2020, 9, 30), year=2020)
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    DeadlineExtensionFactory(cycle=cycle, unit=unit, until=datetime.date(2099, 1, 1))

    _submit(innovation, operator)

    assert innovation.status == Status.SUBMITTED


def test_submit_after_expired_extension_refused(unit, operator):
    cycle = open_cycle(submission_deadline=datetime.date(2020, 9, 30), year=2020)
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    DeadlineExtensionFactory(cycle=cycle, unit=unit, until=datetime.date(2020, 10, 15))

    with pytest.raises(ValidationError):
        _submit(innovation, operator)


def test_submit_extension_of_another_unit_does_not_help(unit, other_unit, operator):
    cycle = open_cycle(submission_deadline=datetime.date(2020, 9, 30), year=2020)
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    DeadlineExtensionFactory(cycle=cycle, unit=other_unit, until=datetime.date(2099, 1, 1))

    with pytest.raises(ValidationError):
        _submit(innovation, operator)


@pytest.mark.parametrize(
    ("utc_moment", "accepted"),
    [
        # 23:30 WITA on the deadline day is still in time...
        (datetime.datetime(2025, 9, 30, 15, 30, tzinfo=datetime.UTC), True),
        # ...00:30 WITA the next day is not, although it is still 30 September in UTC.
        (datetime.datetime(2025, 9, 30, 16, 30, tzinfo=datetime.UTC), False),
    ],
)
def test_submit_deadline_is_a_wita_date(utc_moment, accepted, unit, operator):
    cycle = open_cycle(
        year=2025,
        submission_opens=datetime.date(2025, 1, 15),
        submission_deadline=datetime.date(2025, 9, 30),
    )
    innovation = InnovationFactory(unit=unit, cycle=cycle)

    with time_machine.travel(utc_moment, tick=False):
        if accepted:
            _submit(innovation, operator)
        else:
            with pytest.raises(ValidationError):
                _submit(innovation, operator)

    innovation.refresh_from_db()
    assert (innovation.status == Status.SUBMITTED) is accepted
