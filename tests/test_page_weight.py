"""Page weight measured as production transfers it (bench/page_weight.py), not promised.

Static files are collected with production's storage (hashed names, gzip copies) and served by
WhiteNoise; HTML counts uncompressed, as neither nginx nor Django compresses it. Each page with
everything it references stays under 300 KB, and the logo is one cacheable URL, fetched once.
"""

import re

import pytest

from bench.page_weight import (
    LIMIT_BYTES,
    NOT_ON_PAGES,
    measure,
    measure_pages,
    production_static,
    seed,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def static_root():
    with production_static(brotli=False, ignore=NOT_ON_PAGES) as root:
        yield root


def test_page_weight_under_300_kb_logo_fetched_once(static_root):
    """Every page measured: under the limit, and the logo one hashed URL fetched once."""
    too_heavy, logos = [], []
    for label, figures in measure_pages(seed()):
        if figures["total"] >= LIMIT_BYTES:
            too_heavy.append((label, figures["total"]))
        logo_urls = figures["logo_urls"]
        if not (
            len(logo_urls) == 1
            and re.search(r"/static/img/intan\.[0-9a-f]{12}\.svg$", logo_urls[0])
            and logo_urls[0] in figures["assets"]
            and figures["logo_references"] >= 1
        ):
            logos.append((label, logo_urls))
    assert not too_heavy, too_heavy
    assert not logos, logos


def test_page_weight_counts_every_asset_compressed(static_root):
    """The figure includes the sheets and scripts, gzip-compressed as WhiteNoise sends them."""
    people = seed()
    figures = dict(measure_pages(people))["curation queue, 50 rows"]
    names = {
        re.sub(r"\.[0-9a-f]{12}\.", ".", url.rsplit("/", 1)[1]): url for url in figures["assets"]
    }
    for name in ("bootstrap.min.css", "intan.css", "bootstrap.bundle.min.js", "intan.js"):
        assert name in names, (name, sorted(names))
        size, encoding = figures["assets"][names[name]]
        assert encoding == "gzip" and size > 0, (name, size, encoding)
    assert figures["total"] == figures["html"] + sum(s for s, _e in figures["assets"].values())
    assert figures["html"] > 20_000  # 50 rows of the queue, uncompressed as production sends it
    assert figures["html_encoding"] == "identity"


def test_page_weight_logo_cached_for_good(static_root, client):
    (logo,) = measure(client, "/katalog/")["logo_urls"]
    cache = client.get(logo)["Cache-Control"]
    assert "immutable" in cache or "max-age=315360000" in cache, cache
