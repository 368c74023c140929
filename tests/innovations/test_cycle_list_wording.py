"""/cycles/ names its launch-date column with the noun ("Peluncuran"), not the workflow's verb
"Launch" ("Luncurkan"), which keeps its own translation for the action buttons."""

import re

import pytest
from django.utils import translation

from tests.factories import CycleFactory

from .pages import page_client

pytestmark = pytest.mark.django_db


def test_cycle_list_launch_column_is_not_the_launch_action(admin_user):
    CycleFactory(year=2025)
    client = page_client(admin_user)
    client.cookies["django_language"] = "id"

    html = client.get("/cycles/").content.decode()

    header = re.search(r'<th[^>]*data-column="launch"[^>]*>(.*?)</th>', html).group(1)
    with translation.override("id"):
        verb = translation.gettext("Launch")
    assert verb == "Luncurkan"  # the action keeps its wording
    assert header != verb
    with translation.override("id"):
        assert header == translation.pgettext("the launch event", "Launch")
