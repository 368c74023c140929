"""Choice labels built once per field still follow the active language and Django's answers."""

from django.utils import translation

from accounts.enums import UnitKind
from accounts.models import Unit
from innovations.enums import Status
from innovations.models import Innovation


def test_label_follows_the_active_language():
    innovation = Innovation(status=Status.DRAFT)
    with translation.override("id"):
        assert innovation.get_status_display() == "Draf"
    with translation.override("en"):
        assert innovation.get_status_display() == "Draft"


def test_every_choice_answers_as_django_would():
    for value, label in Status.choices:
        with translation.override("id"):
            assert Innovation(status=value).get_status_display() == str(label)
    for value, label in UnitKind.choices:
        assert Unit(kind=value).get_kind_display() == str(label)


def test_unknown_and_empty_values_come_back_as_they_are():
    assert Innovation(status="no-such-status").get_status_display() == "no-such-status"
    assert Innovation(status="").get_status_display() == ""
    assert Innovation(maturity=None).get_maturity_display() is None
