"""What can push a page wider than a phone's screen (375 px), read from its HTML.

A browser measures this best (tests/e2e), but the causes are few and visible in the markup: a
table outside a `.table-responsive` box, a flex row that does not wrap, text held on one line
(`text-nowrap`, or a long badge: Bootstrap's badges never wrap). Inside a table none of these
matter, because the table scrolls in its own box.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
# Characters of badge text that still fit a phone's width on one line.
LONG_BADGE = 40


class Overflows(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open = []  # (tag, classes, text of a badge that must fit on one line, or None)
        self.found = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        inside = set().union(*(c for _t, c, _text in self.open)) if self.open else set()
        in_table = any(t == "table" for t, _c, _text in self.open)
        if tag == "table" and "table-responsive" not in inside:
            self.found.append(f"<table> outside .table-responsive: {sorted(classes)}")
        row = "d-flex" in classes and not classes & {"flex-column", "flex-wrap"}
        if row and not in_table:
            self.found.append(f"<{tag}> flex row without flex-wrap: {sorted(classes)}")
        if "text-nowrap" in classes and not in_table:
            self.found.append(f"<{tag}> text-nowrap outside a table: {sorted(classes)}")
        one_line = "badge" in classes and "text-wrap" not in classes and not in_table
        if tag not in VOID:
            self.open.append((tag, classes, [] if one_line else None))

    def handle_data(self, data):
        for _tag, _classes, text in self.open:
            if text is not None:
                text.append(data)

    def handle_endtag(self, tag):
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position][0] == tag:
                for _tag, _classes, text in self.open[position:]:
                    words = " ".join("".join(text or ()).split())
                    if len(words) > LONG_BADGE:
                        self.found.append(f"badge without text-wrap: {words!r}")
                del self.open[position:]
                break


def overflows(html):
    """What in `html` can widen the page beyond a phone's screen; [] when nothing."""
    parser = Overflows()
    parser.feed(html)
    return parser.found


def content(response):
    """The page's content block: the navigation bar and footer are the base layout's."""
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]
