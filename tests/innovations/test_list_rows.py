"""The list page's rows drawn in Python (`innovations.list_rows`) are the template's rows.

The reference is the row loop the page's template had before (issue 20), rendered on the
`for_list()` instances; the new path reads `list_rows()` values. Both must give the same bytes,
in both languages, with and without the unit columns, on rows with empty and special values.
"""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from innovations.enums import LabStage, Maturity, Status
from innovations.list_rows import RowPainter, _escape, list_rows
from innovations.models import Innovation
from innovations.written import innovations_changed

from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .pages import page_client

pytestmark = pytest.mark.django_db

OLD_ROWS = """{% load i18n status %}{% for innovation in rows %}
        <tr data-innovation="{{ innovation.pk }}">
          <td>{% status_badge innovation.status innovation.get_status_display %}</td>
          <td class="d-none d-md-table-cell text-nowrap"><code>{{ innovation.code }}</code></td>
          <td>
            <a class="fw-semibold" href="{% url 'innovations:detail' innovation.pk %}" hx-boost="false">{{ innovation.title }}</a>
            <div class="row-meta d-md-none small text-body-secondary">{{ innovation.code }}{% if innovation.maturity %} · {{ innovation.get_maturity_display }}{% endif %}{% if innovation.lab_stage %} · {{ innovation.get_lab_stage_display }}{% endif %}</div>
            {% if region %}<div class="row-meta d-lg-none small text-body-secondary">{% if innovation.unit %}{{ innovation.unit.name }}{% else %}{% translate "Community (masyarakat)" %}{% endif %}</div>{% endif %}
          </td>
          {% if region %}<td class="d-none d-lg-table-cell small">{% if innovation.unit %}{{ innovation.unit.name }}{% else %}<span class="text-body-secondary">{% translate "Community (masyarakat)" %}</span>{% endif %}</td>{% endif %}
          <td class="d-none d-md-table-cell small">{{ innovation.get_maturity_display|default:"—" }}</td>
          <td class="d-none d-md-table-cell small">{{ innovation.get_lab_stage_display|default:"—" }}</td>
          <td class="d-none d-xl-table-cell small text-nowrap">{{ innovation.innovators.all|length }} · {{ innovation.partners.all|length }} · {{ innovation.attachments.all|length }}</td>
          <td class="d-none d-lg-table-cell small text-nowrap">{{ innovation.created_at|date:"j F Y" }}</td>
        </tr>
        {% endfor %}"""  # noqa: E501


@pytest.fixture
def varied(unit, other_unit, cycle, curator):
    other_unit.name = "Dinas <Kominfo> & \"Statistik\" 'Banjar'"
    other_unit.save()
    rows = [
        InnovationFactory(unit=unit, cycle=cycle, lab_stage=LabStage.DIAGNOSE),
        InnovationFactory(
            unit=other_unit,
            cycle=cycle,
            status=Status.SUBMITTED,
            title="<script>alert('x')</script> & \"kutip\" " + "sangat panjang " * 12,
            maturity="",
            lab_stage="",
        ),
        InnovationFactory(
            unit=unit, cycle=cycle, status=Status.APPROVED, maturity=Maturity.UJI_COBA
        ),
        CommunityInnovationFactory(cycle=cycle, created_by=curator, status=Status.IN_REVIEW),
        InnovationFactory(unit=unit, cycle=cycle, status=Status.REVISION_REQUESTED, maturity="x"),
    ]
    # Around midnight in WITA: the date shown is the region's, not UTC's.
    Innovation.objects.filter(pk=rows[0].pk).update(
        created_at=datetime.datetime(2025, 1, 31, 16, 30, tzinfo=datetime.UTC)
    )
    for count, innovation in enumerate(rows):
        InnovatorFactory.create_batch(count, innovation=innovation)
        PartnerFactory.create_batch(count % 3, innovation=innovation)
        AttachmentFactory.create_batch(4 - count, innovation=innovation)
    return rows


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("region", [True, False])
def test_rows_equal_the_template_rows(varied, language, region):
    queryset = Innovation.objects.order_by("-created_at", "-id")
    with translation.override(language), timezone.override("Asia/Makassar"):
        old = (
            engines["django"]
            .from_string(OLD_ROWS)
            .render({"rows": queryset.for_list(), "region": region})
        )
        new = RowPainter(region).rows(list_rows(queryset))

    assert new == old
    assert old.count("<tr ") == len(varied)


def test_rows_count_without_fetching_the_related_rows(varied, django_assert_num_queries):
    with django_assert_num_queries(1):
        rows = list(list_rows(Innovation.objects.order_by("pk")))

    assert [(r["n_innovators"], r["n_partners"], r["n_attachments"]) for r in rows] == [
        (0, 0, 4),
        (1, 1, 3),
        (2, 2, 2),
        (3, 0, 1),
        (4, 1, 0),
    ]


@pytest.mark.parametrize("text", ["", "plain", "<&>\"'", "a&amp;b", "ünï ‘’ — \u00a0"])
def test_escape_is_djangos(text):
    from django.utils.html import escape

    assert _escape(text) == escape(text)


def test_htmx_results_skip_the_filter_form(admin_user, varied):
    """The fragment is the full page's results; the form's choices (cycles, units) are not
    read for it, and a malformed year still answers 400 with the field's label."""
    client = page_client(admin_user)
    with CaptureQueriesContext(connection) as full:
        page = client.get("/innovations/").content.decode()
    full_queries = len(full.captured_queries)  # the log is emptied when a request starts
    innovations_changed()  # the count is kept until an innovation is written: count it again
    with CaptureQueriesContext(connection) as fragment:
        response = client.get("/innovations/", headers={"HX-Request": "true"})
    fragment_queries = len(fragment.captured_queries)
    bad = client.get("/innovations/", {"year": "abc"}, headers={"HX-Request": "true"})

    assert response.content.decode().strip() in page
    assert fragment_queries == full_queries - 2
    assert bad.status_code == 400
    assert [m.message.split(":")[0] for m in get_messages(bad.wsgi_request)] == [
        "Year"
    ]  # page_client reads English
