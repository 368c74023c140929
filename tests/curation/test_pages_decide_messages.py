"""What the review page says after a decision: the innovation's code and a sentence."""

import pytest
from django.conf import settings
from django.urls import reverse

from innovations.enums import Status

from .factories import ReviewFactory
from .page_helpers import html

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def decide(client, user, innovation, **data):
    client.force_login(user)
    return html(client.post(reverse("curation:decide", args=[innovation.pk]), data, follow=True))


def test_request_revision_says_so(english, curator, queued):
    page = decide(english, curator, queued, action="request_revision", note="Tambah data.")

    assert f"{queued.code}: Revision requested; the unit is told the reason." in page
    assert "done." not in page


def test_approve_says_so(english, lead_curator, queued):
    queued.status = Status.IN_REVIEW
    queued.save()
    ReviewFactory(innovation=queued)

    page = decide(english, lead_curator, queued, action="approve")

    assert f"{queued.code}: The innovation was approved." in page


def test_held_decision_says_it_waits_for_publication(english, lead_curator, queued):
    queued.cycle.publish_decisions_together = True
    queued.cycle.save()
    queued.status = Status.IN_REVIEW
    queued.save()
    ReviewFactory(innovation=queued)

    page = decide(english, lead_curator, queued, action="approve")

    assert "it is published with the cycle&#x27;s other decisions." in page
