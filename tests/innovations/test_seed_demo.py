"""seed_demo: idempotent, every status, the publicly named innovations labelled as demo."""

import io
import re

import pytest
from django.core.management import call_command

from accounts.models import Unit
from innovations import demo_public
from innovations.checks import count_words, region_today
from innovations.enums import SourceCategory, Status
from innovations.models import (
    CommunitySubmitter,
    Innovation,
    Innovator,
    LabStageRecord,
    Partner,
    TransitionLog,
)

pytestmark = pytest.mark.django_db


def seed(*args):
    call_command("seed_demo", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_seed_demo_creates_every_status_and_category():
    seed("--innovations", "60", "--year", "2025")
    generated = Innovation.objects.filter(cycle__year=2025, is_demo=True)
    assert generated.count() == 60
    # 2025 has no head approval step, so nothing waits for a head there (issue 16).
    assert set(generated.values_list("status", flat=True)) == set(Status.values) - {
        Status.AWAITING_HEAD
    }
    categories = set(generated.values_list("source_category", flat=True))
    assert SourceCategory.MASYARAKAT in categories
    assert {"perangkat_daerah", "kecamatan", "puskesmas"} & categories
    assert Innovator.objects.exists() and Partner.objects.exists()
    assert LabStageRecord.objects.exists()
    assert generated.exclude(lab_stage="").exists()


def test_seed_demo_is_idempotent():
    seed("--innovations", "30")
    counts = (Innovation.objects.count(), TransitionLog.objects.count(), Innovator.objects.count())
    seed("--innovations", "30")
    assert (
        Innovation.objects.count(),
        TransitionLog.objects.count(),
        Innovator.objects.count(),
    ) == counts


def test_seed_demo_larger_n_adds_only_the_missing():
    seed("--innovations", "20")
    seed("--innovations", "35")
    assert Innovation.objects.filter(cycle__year=2025, is_demo=True).count() == 35
    codes = list(Innovation.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))


def test_seed_demo_accounts_only_makes_no_innovations():
    seed("--accounts-only")
    assert not Innovation.objects.exists()


def test_seed_demo_history_matches_status():
    seed("--innovations", "40")
    for innovation in Innovation.objects.filter(is_demo=True).prefetch_related("history"):
        history = list(innovation.history.all())
        if innovation.status == Status.DRAFT:
            assert history == []
            continue
        assert history[-1].to_status == innovation.status
        for before, after in zip(history, history[1:], strict=False):
            assert before.to_status == after.from_status


def test_seed_demo_profiles_are_consistent():
    seed("--innovations", "40")
    generated = Innovation.objects.filter(is_demo=True).exclude(results__startswith="[DEMO]")
    for innovation in generated:
        assert count_words(innovation.design) >= 300
        assert "demo" in innovation.tags
        assert (innovation.unit_id is None) == (
            innovation.source_category == SourceCategory.MASYARAKAT
        )
    for nip in Innovator.objects.exclude(nip="").values_list("nip", flat=True):
        assert re.fullmatch(r"\d{18}", nip)
    community = generated.filter(unit__isnull=True)
    assert CommunitySubmitter.objects.filter(innovation__in=community).count() == community.count()


def test_seed_demo_public_named_innovations_marked_demo():
    seed("--innovations", "0")
    named = Innovation.objects.filter(results__startswith="[DEMO]")
    assert named.count() == len(demo_public.public_rows()) == 14
    for innovation in named:
        assert innovation.is_demo and "demo" in innovation.tags
        assert innovation.status == Status.LAUNCHED
        # Unknown details are left empty rather than invented.
        assert innovation.design == "" and innovation.form == "" and innovation.maturity == ""
        assert not innovation.innovators.exists()
    assert set(named.values_list("cycle__year", flat=True)) == {2021, 2024, 2025}
    padat = named.get(title__startswith="PADAT LANGSING")
    assert padat.unit.code == "PKM-SUNGAI-TABUK-3"
    lider = named.get(title__startswith="LIDER")
    assert lider.unit is None and lider.community_submitter.email == ""
    assert "Desa Jawa Laut" in lider.summary


def test_seed_demo_bench_units():
    seed("--innovations", "10", "--units", "25")
    assert Unit.objects.filter(code__startswith="SIM-").count() == 25
    seed("--innovations", "10", "--units", "25")
    assert Unit.objects.filter(code__startswith="SIM-").count() == 25


def test_seed_demo_launched_show_in_public_catalogue(client):
    seed("--innovations", "40")
    launched = Innovation.objects.filter(status=Status.LAUNCHED).count()
    response = client.get("/api/v1/public/innovations/")
    assert response.data["count"] == launched > 14


def test_seed_demo_open_cycle_accepts_submissions_today():
    from django.core.management import call_command
    from django.utils import timezone

    from innovations.models import Cycle

    year = timezone.localdate().year
    call_command("seed_demo", year=year, innovations=5, open=True, stdout=io.StringIO())
    cycle = Cycle.objects.get(year=year)
    assert cycle.submission_opens < timezone.localdate() < cycle.submission_deadline


def test_seed_demo_of_an_open_cycle_launches_nothing_before_its_launch_day():
    """The current year's demo cycle launches months ahead: none of its entries is launched."""
    year = region_today().year
    seed("--innovations", "40", "--year", str(year), "--open")
    generated = Innovation.objects.filter(cycle__year=year, is_demo=True)
    assert generated.count() == 40
    assert generated.filter(cycle__launch_date__gt=region_today()).count() == 40
    assert not generated.filter(status=Status.LAUNCHED).exists()
    assert generated.filter(status=Status.APPROVED).exists()
