"""The markup checks of tests/layout.py find what widens a phone's page, and only that."""

from tests.layout import overflows


def test_overflows_finds_an_unboxed_table_and_a_row_that_does_not_wrap():
    html = (
        '<div class="d-flex gap-2"><a class="btn">2025</a></div>'
        '<div class="table-responsive"><table><tr><td><form class="d-flex"></form></td></tr>'
        "</table></div><table></table>"
    )
    assert len(overflows(html)) == 2


def test_overflows_finds_text_held_on_one_line_outside_a_table():
    html = (
        '<span class="text-nowrap small">Dinas Pendidikan · 40 hari</span>'
        '<div class="table-responsive"><table><tr><td class="text-nowrap">2025-12-07</td></tr>'
        "</table></div>"
    )
    assert overflows(html) == ["<span> text-nowrap outside a table: ['small', 'text-nowrap']"]


def test_overflows_finds_a_long_badge_that_does_not_wrap():
    long = "Sudah saya nilai: 0 dari 0 yang ditugaskan <b>kepada saya</b>"
    html = (
        f'<span class="badge border">{long}</span>'
        f'<span class="badge text-wrap">{long}</span>'
        '<span class="badge">Diajukan</span>'
        f'<div class="table-responsive"><table><tr><td><span class="badge">{long}</span>'
        "</td></tr></table></div>"
    )
    assert overflows(html) == [
        "badge without text-wrap: 'Sudah saya nilai: 0 dari 0 yang ditugaskan kepada saya'"
    ]
