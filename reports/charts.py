"""Charts drawn on the server as SVG: no chart service and no script; the same on screen and PDF."""

from django.template.defaultfilters import floatformat
from django.utils.html import escape
from django.utils.safestring import mark_safe

BAR_COLOURS = ["#0f5132", "#b8860b", "#198754", "#6c757d", "#20c997", "#8a6d1d"]
# An average character of the 12 px labels, a little generous: a label measured short ran off.
CHAR_WIDTH = 7.0
LINE_HEIGHT = 14


def _wrap(label, room):
    """The label in lines of at most `room` characters, broken between words (a word longer
    than a line is split): a long label gets a second line instead of being cut off."""
    lines, line = [], ""
    for word in label.split():
        while len(word) > room:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:room])
            word = word[room:]
        candidate = f"{line} {word}".strip()
        if len(candidate) <= room:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines or [""]


def _label_width(labels, width):
    """Room for the labels left of the bars: the longest label's, up to 40 % of the chart."""
    longest = max((len(label) for label in labels), default=0)
    return int(min(max(longest * CHAR_WIDTH + 12, 80), width * 0.4))


def _shown(value):
    """A point's number as the tables beside the chart write it: the locale's decimal mark
    ("52,53" in Indonesian), two decimals, none for a whole number (a count reads "20")."""
    return floatformat(value, "-2")


def _opening(width, height, title):
    """The start of a chart: the SVG element, named by its title, and the title drawn on top."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">'
    ]
    if title:
        parts.append(
            f'<text x="0" y="18" font-size="14" font-weight="bold" fill="#0f5132">'
            f"{escape(title)}</text>"
        )
    return parts


def bar_chart(items, *, title="", width=560, bar_height=22, colours=None):
    """Horizontal bar chart of `items` [(label, value)], labelled with the values.

    Values are what people compare, so each bar carries its number: the chart never asks the
    reader to estimate a length. `colours` [(fill, outline)] per item draws each bar in the
    colours of what it counts (a status's badge); otherwise the portal's palette is cycled.
    Labels wider than their column wrap onto more lines; none is cut.
    """
    items = [(str(label), int(value or 0)) for label, value in items]
    label_width = _label_width([label for label, _value in items], width)
    room = max(int((label_width - 12) / CHAR_WIDTH), 1)
    wrapped = [_wrap(label, room) for label, _value in items]
    rows = [max(bar_height, len(lines) * LINE_HEIGHT + 4) for lines in wrapped]
    top = 28 if title else 6
    height = top + sum(row + 8 for row in rows) + 6
    peak = max([value for _label, value in items] + [1])
    span = width - label_width - 60
    parts = _opening(width, height, title)
    y = top
    for index, ((label, value), lines, row) in enumerate(zip(items, wrapped, rows, strict=True)):
        bar = round(span * value / peak) if value else 0
        fill, outline = colours[index] if colours else (BAR_COLOURS[index % len(BAR_COLOURS)],) * 2
        bar_y = y + (row - bar_height) / 2
        first = y + (row - len(lines) * LINE_HEIGHT) / 2 + LINE_HEIGHT - 3
        spans = "".join(
            f'<tspan x="{label_width - 8}" y="{first + n * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
            for n, line in enumerate(lines)
        )
        parts.append(
            f'<text font-size="12" text-anchor="end" fill="#212529">{spans}</text>'
            f'<rect x="{label_width}" y="{bar_y:.1f}" width="{bar}" height="{bar_height}" '
            f'rx="3" fill="{fill}" stroke="{outline}"><title>{escape(label)}: {value}</title>'
            f"</rect>"
            f'<text x="{label_width + bar + 6}" y="{bar_y + bar_height * 0.7:.1f}" '
            f'font-size="12" fill="#212529">{value}</text>'
        )
        y += row + 8
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


def line_chart(points, *, title="", width=560, height=200):
    """A simple trend line over years: points [(label, value)]."""
    points = [(str(label), float(value or 0)) for label, value in points]
    # Room above the highest point for its number (at 10 it was cut off by the top edge).
    left, right, top, bottom = 40, 20, 30 if title else 22, 30
    peak = max([v for _l, v in points] + [1])
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(points) - 1, 1)
    coords = [
        (left + i * step, top + inner_h - inner_h * value / peak)
        for i, (_label, value) in enumerate(points)
    ]
    parts = _opening(width, height, title)
    parts.append(
        f'<line x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}" '
        f'stroke="#adb5bd"/>'
    )
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#0f5132" stroke-width="2"/>')
    for (x, y), (label, value) in zip(coords, points, strict=True):
        shown = _shown(value)
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#b8860b"/>'
            f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle">{shown}</text>'
            f'<text x="{x:.1f}" y="{height - 10}" font-size="11" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)


SERIES_COLOURS = ["#0f5132", "#b8860b", "#6c757d"]


def series_chart(labels, series, *, title="", width=560, height=220, peak=None):
    """Several lines over the same labels (e.g. years): `series` [(name, [value or None, ...])].

    A missing value leaves a gap (no point, the line is broken there); each point carries its
    number, and a legend names the lines, so the chart never relies on colour alone.
    """
    labels = [str(label) for label in labels]
    # The legend's row, then room for the highest point's number under it.
    left, right, top, bottom = 40, 20, (30 if title else 10) + 32, 30
    values = [float(v) for _name, points in series for v in points if v is not None]
    peak = float(peak) if peak is not None else max(values + [1])
    inner_w, inner_h = width - left - right, height - top - bottom
    step = inner_w / max(len(labels) - 1, 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(title)}">'
    ]
    if title:
        parts.append(
            f'<text x="0" y="18" font-size="14" font-weight="bold" fill="#0f5132">'
            f"{escape(title)}</text>"
        )
    parts.append(
        f'<line x1="{left}" y1="{top + inner_h}" x2="{width - right}" y2="{top + inner_h}" '
        f'stroke="#adb5bd"/>'
    )
    x, y = left, top - 24
    for position, (name, _points) in enumerate(series):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        parts.append(
            f'<rect x="{x:.0f}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14:.0f}" y="{y}" font-size="11">{escape(name)}</text>'
        )
        x += 14 + len(str(name)) * CHAR_WIDTH + 20  # each name's own width, not a fixed step
    for position, (name, points) in enumerate(series):
        colour = SERIES_COLOURS[position % len(SERIES_COLOURS)]
        coords = [
            None
            if value is None
            else (left + i * step, top + inner_h - inner_h * float(value) / peak, float(value))
            for i, value in enumerate(points)
        ]
        run = []
        for coord in [*coords, None]:
            if coord is None:
                if len(run) > 1:
                    path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v in run)
                    parts.append(
                        f'<polyline points="{path}" fill="none" stroke="{colour}" '
                        f'stroke-width="2"/>'
                    )
                run = []
            else:
                run.append(coord)
        for coord in coords:
            if coord is not None:
                x, y, value = coord
                parts.append(
                    f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">'
                    f"<title>{escape(name)}: {_shown(value)}</title></circle>"
                    f'<text x="{x:.1f}" y="{y - 8:.1f}" font-size="11" text-anchor="middle">'
                    f"{_shown(value)}</text>"
                )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{left + i * step:.1f}" y="{height - 10}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)
