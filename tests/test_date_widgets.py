"""Every date field of every form shows its saved value in the browser's date picker.

The test walks the project's modules and builds each form it finds, so a form added later with a
plain `forms.DateField` fails here instead of silently showing an empty picker in Indonesian.
"""

import datetime
import importlib
import inspect
import pkgutil
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from innovations.models import Cycle

SAVED_DATE = datetime.date(2026, 12, 3)
SAVED_DATETIME = datetime.datetime(2026, 12, 3, 9, 30)
SKIPPED_MODULES = ("migrations", "management", "admin", "tests")

# Forms whose constructor needs something; every other form is built with `initial` alone.
CONSTRUCTOR_ARGUMENTS = {
    "PortalPasswordChangeForm": lambda: {"user": None},
    "PortalSetPasswordForm": lambda: {"user": None},
    "ReviewForm": lambda: {"criteria": []},
    "ReadinessForm": lambda: {"readiness": SimpleNamespace(rows=[])},
    "ReadinessEvidenceForm": lambda: {"readiness": SimpleNamespace(rows=[])},
    "InnovationForm": lambda: {
        "creating": True,
        "choose_unit": True,
        "cycles": Cycle.objects.none(),
    },
}


def _project_forms():
    base = Path(settings.BASE_DIR).resolve()
    installed = Path(sys.prefix).resolve()  # the virtualenv may live inside the checkout
    ours = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and not Path(config.path).resolve().is_relative_to(installed)
    }
    for name in ours:
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if any(part in SKIPPED_MODULES for part in info.name.split(".")):
                continue
            importlib.import_module(info.name)
    seen, pending = set(), [forms.BaseForm]
    while pending:
        for sub in pending.pop().__subclasses__():
            pending.append(sub)
            if sub.__module__.split(".")[0] in ours and not inspect.isabstract(sub):
                seen.add(sub)
    return sorted(seen, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def _date_fields(form):
    return {
        name: SAVED_DATETIME if isinstance(field, forms.DateTimeField) else SAVED_DATE
        for name, field in form.fields.items()
        if isinstance(field, (forms.DateField, forms.DateTimeField))
    }


def test_date_fields_walk_finds_the_known_date_forms(db):
    names = {cls.__name__ for cls in _project_forms()}
    assert {"AgreementSignForm", "LaunchEventForm", "DecreeForm", "InnovationForm"} <= names


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_date_field_renders_its_saved_value_as_iso(db, language):
    checked = 0
    with translation.override(language):
        for cls in _project_forms():
            kwargs = CONSTRUCTOR_ARGUMENTS.get(cls.__name__, dict)()
            form = cls(**kwargs)
            dates = _date_fields(form)
            if not dates:
                continue
            form = cls(initial=dates, **kwargs)
            for name, value in dates.items():
                html = str(form[name])
                expected = (
                    'value="2026-12-03T09:30"'
                    if isinstance(value, datetime.datetime)
                    else 'value="2026-12-03"'
                )
                assert expected in html, f"{cls.__module__}.{cls.__name__}.{name}: {html}"
                checked += 1
    assert checked >= 13  # agreements 1, reports 1, innovations 3, portfolio 4, cycles 4+
