"""`seed_demo_portfolio`: what `make run` shows across years, reachable from the pages."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.demo import ensure_demo_accounts
from accounts.models import User
from innovations.enums import Action, HistoryAction, Status
from innovations.models import Innovation
from portfolio.enums import DecreeState
from portfolio.models import Decree, LegacyImport, MonitoringReport, Replication
from tests.factories import CycleFactory
from tests.innovations.factories import open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(django_capture_on_commit_callbacks):
    ensure_demo_accounts()
    CycleFactory(year=2025)
    open_cycle()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo_portfolio", stdout=out)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo_portfolio", stdout=out)  # idempotent
    return out.getvalue()


def test_demo_portfolio_across_years(seeded, client):
    sigap = Innovation.objects.get(title="SIGAP GIZI", year=2025)
    archived, continued = sigap.predecessor, Innovation.objects.get(predecessor=sigap)

    assert archived.is_imported and archived.year == 2024
    assert continued.status == Status.DRAFT and continued.attachments.exists()
    assert LegacyImport.objects.filter(dry_run=False).count() == 1
    assert Innovation.objects.filter(import_key__isnull=False, status=Status.LAUNCHED).count() > 5
    assert Decree.objects.get(innovation=sigap).state() == DecreeState.EXPIRING
    assert MonitoringReport.objects.filter(innovation=sigap).count() <= 1
    assert Replication.objects.filter(innovation=sigap).count() == 2
    assert all(i.is_demo for i in (sigap, continued, archived))

    client.force_login(User.objects.get(email="operator.dinkes@intan.test"))
    page = client.get(reverse("innovations:detail", args=[sigap.pk])).content.decode()
    assert archived.code in page and continued.code in page and "data-decrees-lapsing" in page
    catalogue = client.get(reverse("katalog:detail", args=[sigap.code])).content.decode()
    assert "Kabupaten Tapin" in catalogue and archived.code in catalogue


def test_history_actions_include_every_workflow_action():
    assert set(Action.values) < set(HistoryAction.values)
    assert HistoryAction.IMPORT not in Action.values
