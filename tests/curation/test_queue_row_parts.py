"""Two parts of a queue row computed once rather than per row (issue 20): the waiting days with
the time zone read once (`days_since(..., zone)`), and the score's `floatformat` kept by
language and value; each equals what it replaces."""

import datetime
import math
import zoneinfo

import pytest
from django.template.defaultfilters import floatformat
from django.test import override_settings
from django.utils import timezone, translation

from curation.queue import days_since
from curation.templatetags.curation_queue import _score

ZONES = ["Asia/Makassar", "UTC", "America/New_York", "Pacific/Chatham"]


@pytest.mark.parametrize("zone_name", ZONES)
def test_days_since_with_the_zone_read_once(zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    start = datetime.datetime(2025, 3, 1, tzinfo=datetime.UTC)
    moments = [None] + [start + datetime.timedelta(hours=7 * i) for i in range(400)]
    moments += [moment.astimezone(zoneinfo.ZoneInfo("Asia/Tokyo")) for moment in moments[1:50]]
    with timezone.override(zone):
        today = timezone.localdate(start + datetime.timedelta(days=60))
        for moment in moments:
            assert days_since(moment, today, zone) == days_since(moment, today), moment


def test_days_since_refuses_a_naive_time_as_before():
    naive = datetime.datetime(2025, 3, 1, 12)
    for zone in (None, timezone.get_current_timezone()):
        with pytest.raises(ValueError):
            days_since(naive, datetime.date(2025, 3, 9), zone)


SCORES = [0.0, -0.0, 0.05, 0.15, 0.25, 1.0, 2.25, 2.35, 2.45, 3.999, 12.0, 1234.5678, 1e6]
SCORES += [math.nan, math.inf, -1.25, 3]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_kept_score_is_floatformat(language):
    with translation.override(language):
        for _round in range(2):
            for score in SCORES:
                assert _score(score) == floatformat(score, 1), score


def test_the_kept_score_follows_the_format_settings():
    with translation.override("en"):
        before = _score(1234.5678)
        with override_settings(USE_THOUSAND_SEPARATOR=True):
            assert _score(1234.5678) == floatformat(1234.5678, 1) != before
        assert _score(1234.5678) == before
