"""Charts: statuses in their badges' colours (one source), and no label cut off."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from agreements.enums import COMPLIANCE_COLOURS
from innovations.colours import STATUS_COLOURS
from innovations.enums import Status
from reports.charts import CHAR_WIDTH, bar_chart, line_chart, series_chart
from reports.dashboard import region_overview
from tests.factories import CycleFactory

ROOT = Path(settings.BASE_DIR)


def css_rule(path, selector):
    css = (ROOT / path).read_text()
    match = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert match, selector
    return dict(
        (name.strip(), value.strip())
        for name, value in (d.split(":", 1) for d in match.group(1).split(";") if ":" in d)
    )


@pytest.mark.parametrize("status", list(Status))
def test_status_badge_css_carries_the_shared_colours(status):
    rule = css_rule("static/css/intan.css", f".status-{status.value} ")
    colours = STATUS_COLOURS[status]

    assert rule == {
        "background-color": colours.background,
        "border-color": colours.border,
        "color": colours.text,
    }


@pytest.mark.parametrize("colour", list(COMPLIANCE_COLOURS))
def test_compliance_css_carries_the_shared_colours(colour):
    rule = css_rule(
        "agreements/static/agreements/agreements.css", f".compliance-{colour.value} .compliance-dot"
    )

    assert rule == {"background-color": COMPLIANCE_COLOURS[colour]}


@pytest.mark.django_db
def test_dashboard_status_chart_draws_each_status_in_its_badge_colours(admin_user):
    chart = str(region_overview(cycle=CycleFactory(year=2025), user=admin_user)["charts"]["status"])

    fills = re.findall(r'<rect [^>]*fill="(#[0-9a-f]{6})" stroke="(#[0-9a-f]{6})"', chart)
    assert fills == [(STATUS_COLOURS[s].border, STATUS_COLOURS[s].text) for s in Status]


LONG = "Peningkatan kualitas pelayanan publik di kecamatan terpencil Kabupaten Banjar"


def label_lines(svg):
    return [
        (float(x), text)
        for x, text in re.findall(r'<tspan x="([0-9.]+)" y="[0-9.]+">([^<]*)</tspan>', svg)
    ]


def test_bar_chart_wraps_long_labels_instead_of_cutting_them():
    svg = str(bar_chart([(LONG, 3), ("Desa", 1)]))

    lines = label_lines(svg)
    assert "…" not in svg
    assert " ".join(text for _x, text in lines[:-1]) == LONG
    for x, text in lines:  # right-aligned at x: the line's width fits left of it
        assert len(text) * CHAR_WIDTH <= x


def test_bar_chart_rows_fit_in_the_view_box():
    svg = str(bar_chart([(LONG, 3)] * 4))

    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    ys = [float(y) for y in re.findall(r'<tspan x="[0-9.]+" y="([0-9.]+)"', svg)]
    assert max(ys) < height


def test_bar_chart_short_labels_keep_one_line():
    svg = str(bar_chart([("Draf", 14), ("Diajukan", 3)]))

    assert [text for _x, text in label_lines(svg)] == ["Draf", "Diajukan"]


def test_line_chart_peak_number_stays_inside():
    svg = str(line_chart([(2024, 5), (2025, 20)]))

    numbers = re.findall(r'text-anchor="middle">([0-9.]+)</text>', svg)
    tops = [float(y) for y in re.findall(r'<text x="[0-9.]+" y="([0-9.]+)" font-size="11"', svg)]
    assert "20" in numbers
    assert min(tops) >= 11  # a 11 px number needs 11 px above its baseline


def test_series_chart_legend_names_do_not_overlap():
    svg = str(
        series_chart(
            [2024, 2025], [("Indeks yang dipublikasikan", [1, 2]), ("Perkiraan portal", [2, 3])]
        )
    )

    xs = [float(x) for x in re.findall(r'<rect x="([0-9.]+)" y="[0-9.]+" width="10"', svg)]
    assert xs[1] - xs[0] >= 14 + len("Indeks yang dipublikasikan") * CHAR_WIDTH


@pytest.mark.parametrize(("language", "shown"), [("id", "57,64"), ("en", "57.64")])
def test_series_chart_numbers_use_the_locales_decimal_mark(language, shown):
    with translation.override(language):
        svg = str(series_chart([2022, 2023], [("Published", [52.53, 57.64])]))

    assert f'text-anchor="middle">{shown}</text>' in svg
    assert f"<title>Published: {shown}</title>" in svg


def test_line_chart_numbers_use_the_locales_decimal_mark_and_keep_whole_numbers_whole():
    with translation.override("id"):
        svg = str(line_chart([(2024, 5), (2025, 12.5)]))

    numbers = re.findall(r'text-anchor="middle">([0-9.,]+)</text>', svg)
    assert numbers == ["5", "2024", "12,50", "2025"]
