"""Auto-assignment (issue 16): k curators per innovation, balanced by load, never a curator of
the innovation's own unit, by field of expertise when curators have one; proposed, then applied
only on confirmation."""

from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from curation.auto_assign import apply, propose
from curation.models import Assignment
from innovations.enums import Status

from .factories import AssignmentFactory, CuratorFactory, QueuedInnovationFactory

pytestmark = pytest.mark.django_db


def test_balanced_by_load_and_k_each(cycle, lead_curator):
    curators = CuratorFactory.create_batch(3)
    busy = curators[0]
    for _ in range(3):
        AssignmentFactory(curator=busy, innovation=QueuedInnovationFactory(cycle=cycle))
    innovations = [QueuedInnovationFactory(cycle=cycle) for _ in range(6)]

    proposal = propose(innovations=innovations, k=2, by=lead_curator)

    assert [len(chosen) for _i, chosen in proposal.rows] == [2] * 6
    given = Counter(c.pk for _i, chosen in proposal.rows for c in chosen)
    # 12 assignments over loads 3, 0, 0 (plus the lead curator, also a curator, at 0): the
    # final loads differ by at most one, and the busy curator gets the fewest new ones.
    final = {c: load for c, load in proposal.load.items()}
    assert max(final.values()) - min(final.values()) <= 1
    assert given[busy.pk] == min(given.values())
    assert not Assignment.objects.filter(innovation__in=innovations).exists()  # only a proposal


def test_never_a_curator_of_the_own_unit(cycle, lead_curator, unit):
    insider = CuratorFactory(unit=unit)
    outsider = CuratorFactory()
    innovation = QueuedInnovationFactory(cycle=cycle, unit=unit)

    proposal = propose(innovations=[innovation], k=3, by=lead_curator)

    chosen = proposal.rows[0][1]
    assert insider not in chosen
    assert outsider in chosen
    assert proposal.short == [(innovation, 1)]  # only the outsider and the lead remain


def test_expertise_first(cycle, lead_curator):
    lead_curator.is_active = False  # keep the pool to the two below
    lead_curator.save()
    admin = CuratorFactory(is_lead=True)
    health = CuratorFactory(expertise=["Kesehatan"])
    CuratorFactory(expertise=["Pendidikan"])
    innovation = QueuedInnovationFactory(cycle=cycle, affairs=["kesehatan"])

    proposal = propose(innovations=[innovation], k=1, by=admin)

    assert proposal.rows[0][1] == [health]


def test_already_assigned_count_towards_k(cycle, lead_curator):
    innovation = QueuedInnovationFactory(cycle=cycle)
    first = CuratorFactory()
    AssignmentFactory(innovation=innovation, curator=first)
    CuratorFactory()

    proposal = propose(innovations=[innovation], k=2, by=lead_curator)

    assert len(proposal.rows[0][1]) == 1
    assert first not in proposal.rows[0][1]


def test_apply_creates_exactly_the_proposal(cycle, lead_curator):
    CuratorFactory.create_batch(2)
    innovations = [QueuedInnovationFactory(cycle=cycle) for _ in range(3)]
    proposal = propose(innovations=innovations, k=2, by=lead_curator)

    apply(proposal=proposal, by=lead_curator)

    assert set(Assignment.objects.values_list("innovation_id", "curator_id")) == {
        (i.pk, c.pk) for i, c in proposal.pairs
    }


def test_only_assigners_and_a_sane_k(cycle, curator, lead_curator):
    innovation = QueuedInnovationFactory(cycle=cycle)
    with pytest.raises(PermissionDenied):
        propose(innovations=[innovation], k=1, by=curator)
    with pytest.raises(ValidationError):
        propose(innovations=[innovation], k=0, by=lead_curator)


def test_page_shows_then_applies_on_confirmation(client, cycle, lead_curator, unit):
    CuratorFactory.create_batch(2)
    innovation = QueuedInnovationFactory(cycle=cycle, unit=unit, maturity="penerapan")
    QueuedInnovationFactory(cycle=cycle, maturity="inisiatif")  # filtered out
    client.force_login(lead_curator)
    url = f"{reverse('curation:auto_assign')}?year={cycle.year}"

    shown = client.post(url, {"k": "2", "maturity": "penerapan"})

    assert shown.status_code == 200
    page = shown.content.decode()
    assert page.count("data-proposal=") == 1
    assert f'data-proposal="{innovation.pk}"' in page
    assert not Assignment.objects.exists()
    pairs = [p for p in shown.context["proposal"].pairs]

    done = client.post(url, {"confirm": "1", "pair": [f"{i.pk}:{c.email}" for i, c in pairs]})

    assert done.status_code == 302
    assert Assignment.objects.filter(innovation=innovation).count() == 2
    assert innovation.status == Status.SUBMITTED


def test_api_proposes_then_applies(api_as, cycle, lead_curator, curator):
    innovation = QueuedInnovationFactory(cycle=cycle, maturity="penerapan")
    QueuedInnovationFactory(cycle=cycle, maturity="inisiatif")
    url = "/api/v1/curation/auto-assignments/"
    body = {"year": cycle.year, "k": 1, "filters": {"maturity": "penerapan"}}

    proposed = api_as(lead_curator).post(url, body, format="json")

    assert proposed.status_code == 200, proposed.json()
    assert [row["id"] for row in proposed.json()["proposal"]] == [innovation.pk]
    assert not Assignment.objects.exists()
    assert api_as(curator).post(url, body, format="json").status_code == 403

    applied = api_as(lead_curator).post(url, {**body, "apply": True}, format="json")

    assert applied.json()["applied"] is True
    assert Assignment.objects.filter(innovation=innovation).count() == 1
