"""The colours of the curation statuses: the one source for the badges and the charts.

The badge rules in static/css/intan.css (`.status-<value>`) carry these values, and the region's
charts (reports.charts) draw a status's bar in its badge's colours, so "Revisi" is the same
amber in the list, on the home page and in the chart. tests/reports/test_chart_colours.py reads
the stylesheet and fails when the two part.
"""

from typing import NamedTuple

from .enums import Status


class BadgeColours(NamedTuple):
    background: str
    border: str
    text: str


STATUS_COLOURS = {
    Status.DRAFT: BadgeColours("#eceff1", "#cfd6da", "#37474f"),
    Status.AWAITING_HEAD: BadgeColours("#dff3f1", "#9fd6d0", "#0b4f4a"),
    Status.SUBMITTED: BadgeColours("#dbe9fb", "#a9c8f0", "#0b3f82"),
    Status.IN_REVIEW: BadgeColours("#e8e0f8", "#c6b4ec", "#44207e"),
    Status.REVISION_REQUESTED: BadgeColours("#fff1cc", "#f2d173", "#6b4a00"),
    Status.APPROVED: BadgeColours("#d7eee1", "#9fd2b5", "#0b4a2a"),
    Status.REJECTED: BadgeColours("#fadbdc", "#f0a9ac", "#7a1a20"),
    Status.WITHDRAWN: BadgeColours("#f3f3f3", "#d6d6d6", "#5f6368"),
    Status.LAUNCHED: BadgeColours("#c9a227", "#a9861a", "#2b2103"),
}
