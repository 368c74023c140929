"""A request about one innovation without a query string skips the filter backends
(`InnovationViewSet.filter_queryset`): the same answers and the same SQL as DRF's path, and a
query string still filters."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.generics import GenericAPIView

from innovations.api import InnovationViewSet

from .api_helpers import body, detail

pytestmark = pytest.mark.django_db


def _drfs(monkeypatch):
    monkeypatch.setattr(InnovationViewSet, "filter_queryset", GenericAPIView.filter_queryset)


def _replay(client, innovation, cycle):
    """Detail GET, a refused and an accepted PATCH, a refused transition: (status, body, SQL)."""
    steps = [
        lambda: client.get(detail(innovation)),
        lambda: client.patch(detail(innovation), {"budget": -1}, format="json"),
        lambda: client.patch(detail(innovation), {"results": "Hasil."}, format="json"),
        lambda: client.post(detail(innovation, "transitions/"), {"action": "fly"}, format="json"),
        lambda: client.get(detail(innovation, "history/")),
        lambda: client.get("/api/v1/innovations/987654321/"),
    ]
    answers = []
    with transaction.atomic():  # each replay from the same rows
        for step in steps:
            with CaptureQueriesContext(connection) as queries:
                response = step()
            sql = [
                re.sub(r"'[0-9-]+T[0-9:.+]+'::timestamptz", "<now>", q["sql"])
                for q in queries
                if "innovations_innovation" in q["sql"]
            ]
            content = re.sub(rb'"updated_at":"[^"]+"', b"", response.content)
            answers.append((response.status_code, content, sql))
        transaction.set_rollback(True)
    return answers


@pytest.mark.parametrize("role", ["operator", "curator", "admin_user"])
def test_the_same_answers_and_sql_as_drfs_path(api_as, request, innovation, cycle, role):
    user = request.getfixturevalue(role)
    client = api_as(user)
    ours = _replay(client, innovation, cycle)
    monkeypatch = request.getfixturevalue("monkeypatch")
    _drfs(monkeypatch)
    drfs = _replay(client, innovation, cycle)
    assert [a[:2] for a in ours] == [a[:2] for a in drfs]
    assert [a[2] for a in ours] == [a[2] for a in drfs]


def test_a_query_string_still_filters(api_as, operator, innovation, cycle):
    client = api_as(operator)
    assert client.get(detail(innovation)).status_code == 200
    assert client.get(detail(innovation) + "?status=launched").status_code == 404
    assert client.get(detail(innovation) + f"?year={cycle.year}").status_code == 200


def test_a_created_innovations_detail_is_found(api_as, operator, cycle):
    client = api_as(operator)
    made = client.post("/api/v1/innovations/", body(year=cycle.year), format="json")
    assert client.get(f"/api/v1/innovations/{made.json()['id']}/").status_code == 200
