"""The request floor: what a request costs before a page does anything of its own.

Issue 20 asks every paginated page to stay within 2x its SQL at 100,000 innovations. A page's
time is the floor (middleware, session, user, and for the API DRF's authentication and
negotiation) plus its own Python plus its SQL, and the floor has SQL of its own (the session and
the user). So a page meets 2x only while its own Python is at most its SQL minus the floor's
Python. These views do nothing beyond the floor, through the portal's real middleware,
authentication classes and renderer, so the bench can print that room beside each page instead
of leaving the reader to guess whether a ratio is still within reach. (No Django import at
the top: bench/report.py reads this module before Django is set up.)
"""

# (signed in, API) -> the floor view standing for such a page.
FLOOR_URLS = {
    (True, False): "/floor/page/",
    (True, True): "/floor/api/",
    (False, False): "/floor/public/page/",
    (False, True): "/floor/public/api/",
}


def floor_of(signed_in, url):
    """The floor view measured for a page at `url` requested signed in or not."""
    return FLOOR_URLS[(signed_in, url.startswith("/api/"))]


def measure_floors(clients, repeat):
    """Each floor view's figures (bench.pages.measure), `clients` keyed by signed in or not."""
    from django.test import override_settings

    from bench.pages import measure

    with override_settings(ROOT_URLCONF="bench.floor_urls"):
        return {
            url: measure(clients[signed_in], url, repeat=repeat)
            for (signed_in, _api), url in FLOOR_URLS.items()
        }


def room_ms(page, floor):
    """How much Python of its own `page` may spend and stay within 2x its SQL (may be < 0)."""
    return page["sql_ms"] - (floor["median_ms"] - floor["sql_ms"])


def own_python_ms(page, floor):
    """The page's time beyond its SQL and the floor's Python."""
    return page["median_ms"] - page["sql_ms"] - (floor["median_ms"] - floor["sql_ms"])


FLOOR_LABELS = {
    "/floor/page/": "signed in, page",
    "/floor/api/": "signed in, API",
    "/floor/public/page/": "anonymous, page",
    "/floor/public/api/": "anonymous, API",
}


def report_lines(stage, paginated, ratio_max):
    """RESULTS.md's request-floor section for `stage` (the largest size); [] if not measured."""
    floors = stage.get("floors")
    if not floors:
        return []
    lines = [
        "## The request floor",
        "",
        "Views that answer at once, measured in the same process as the pages, through the "
        "portal's middleware, authentication classes and renderer (bench/floor.py). A page's "
        "time is such a floor, plus its own Python, plus its SQL; the floor's SQL (session and "
        f"user) counts as the page's. So a page is within {ratio_max}× its SQL only while its "
        "own Python is at most its SQL minus the floor's Python (the room below).",
        "",
    ]
    for url, label in FLOOR_LABELS.items():
        row = floors[url]
        ratio = f"{row['ratio']:.1f}× its SQL" if row["sql_ms"] else "no SQL"
        lines.append(
            f"- {label}: {row['median_ms']:.2f} ms, of which SQL {row['sql_ms']:.2f} ms "
            f"({row['queries']} queries; {ratio})"
        )
    lines += ["", f"Each paginated page at {stage['size']:,}:", ""]
    for name, row in stage["pages"].items():
        if name not in paginated or "floor" not in row:
            continue
        floor = floors[row["floor"]]
        own, room = own_python_ms(row, floor), room_ms(row, floor)
        verdict = "within" if own <= room else f"{own - room:.1f} ms over"
        lines.append(
            f"- {name}: SQL {row['sql_ms']:.2f} ms, own Python {own:.2f} ms, room "
            f"{room:.2f} ms ({verdict})"
        )
    return lines + [""]
