"""Page weight as production transfers it: `python bench/page_weight.py` prints the figures.

Production (deploy/nginx.conf, settings/production.py) compresses static files only: WhiteNoise
serves the gzip (and, where the brotli package is installed, brotli) copies that
CompressedManifestStaticFilesStorage writes at collectstatic, under hashed names cached for a
year. Neither nginx nor Django compresses HTML, so a page's HTML counts at its full size.

`measure(client, url)` fetches a page and every style sheet, script and image it references
through WhiteNoise, the way a browser with an empty cache would, each URL once. The test
(tests/test_page_weight.py) and this script share it; the script seeds a small portal in a
throwaway database (test_<BENCH_DATABASE>) under production settings.
"""

import datetime
import os
import re
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from whitenoise.storage import CompressedManifestStaticFilesStorage

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 300 * 1024
PRODUCTION_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"
GZIP_ONLY_STORAGE = "bench.page_weight.GzipOnlyStorage"
LOGO = "img/intan"

# Everything a browser fetches while loading the page: sheets, scripts, images, the icon.
REFERENCES = re.compile(
    r"""<(?:link|script|img)\b[^>]*?\b(?:href|src)=["']([^"']+)["']""", re.IGNORECASE
)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


def _body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class GzipOnlyStorage(CompressedManifestStaticFilesStorage):
    """Production's storage without the brotli copies (slow to make; the test counts gzip)."""

    def create_compressor(self, **kwargs):
        return super().create_compressor(use_brotli=False, **kwargs)


# The API's and the Django admin's own files: no measured page references them, and compressing
# them (9 MB of Swagger UI) would take minutes.
NOT_ON_PAGES = ["drf_spectacular_sidecar", "rest_framework", "admin"]


@contextmanager
def production_static(*, brotli=True, ignore=()):
    """Static files collected as the Dockerfile does (hashed, compressed), served by WhiteNoise."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": PRODUCTION_STORAGE if brotli else GZIP_ONLY_STORAGE},
    }
    with (
        tempfile.TemporaryDirectory(prefix="intan-static-") as root,
        override_settings(STATIC_ROOT=root, STORAGES=storages, DEBUG=False),
    ):
        call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=list(ignore))
        yield Path(root)


def _assets(html, page_url):
    urls = []
    for match in REFERENCES.finditer(html):
        url = urljoin(page_url, match.group(1).replace("&amp;", "&"))
        if urlsplit(url).path.startswith("/static/") and url not in urls:
            urls.append(url)
    return urls


def measure(client, url, *, encoding="gzip"):
    """{"url", "html", "assets": {url: (bytes, content-encoding)}, "total", "logo_urls"}.

    Bytes are response bodies as sent (compressed where the server compresses), without headers.
    Every asset must answer 200 and, being a hashed name, be cacheable for good.
    """
    response = client.get(url, HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200, (url, response.status_code)
    html_body = _body(response)
    html = html_body.decode("utf-8")
    assets = {}
    pending = _assets(html, url)
    while pending:
        asset = pending.pop(0)
        if asset in assets:
            continue
        answer = client.get(asset, HTTP_ACCEPT_ENCODING=encoding)
        assert answer.status_code == 200, (asset, answer.status_code)
        assert "max-age" in answer.get("Cache-Control", ""), (asset, answer.get("Cache-Control"))
        body = _body(answer)
        assets[asset] = (len(body), answer.get("Content-Encoding", "identity"))
        if asset.endswith(".css"):
            plain = client.get(asset)  # the sheet's own references, read uncompressed
            for ref in CSS_URL.findall(_body(plain).decode("utf-8")):
                if not ref.startswith("data:"):
                    pending.append(urljoin(asset, ref))
    logo_urls = sorted({a for a in _assets(html, url) if LOGO in a})
    return {
        "url": url,
        "html": len(html_body),
        "html_encoding": response.get("Content-Encoding", "identity"),
        "assets": assets,
        "total": len(html_body) + sum(size for size, _encoding in assets.values()),
        "logo_urls": logo_urls,
        "logo_references": html.count(LOGO),
    }


def seed():
    """A portal with full pages: a curator's queue of 50, a catalogue page of 20 launched."""
    from accounts.enums import Role
    from innovations.enums import Status
    from tests.curation.factories import CuratorFactory
    from tests.factories import UnitFactory, UserFactory
    from tests.innovations.factories import InnovationFactory, open_cycle

    cycle = open_cycle()
    units = [UnitFactory(name=f"Kecamatan Martapura Bagian {n}") for n in range(10)]
    for n in range(50):
        InnovationFactory(cycle=cycle, unit=units[n % 10], status=Status.SUBMITTED)
    for n in range(20):
        InnovationFactory(cycle=cycle, unit=units[n % 10], status=Status.LAUNCHED)
    return {
        "curator": CuratorFactory(is_lead=True),
        "operator": UserFactory(role=Role.OPERATOR, unit=units[0]),
        "admin": UserFactory(role=Role.ADMIN),
    }


# (label, person, url) of the pages measured.
PAGES = [
    ("home (operator)", "operator", "/"),
    ("home (curator)", "curator", "/"),
    ("home (admin)", "admin", "/"),
    ("curation queue, 50 rows", "curator", "/curation/"),
    ("public catalogue, 20 entries", None, "/katalog/"),
]


def measure_pages(people, encoding="gzip"):
    from django.test import Client

    results = []
    for label, who, url in PAGES:
        client = Client()
        if who:
            client.force_login(people[who])
        results.append((label, measure(client, url, encoding=encoding)))
    return results


def report(results):
    lines = []
    for label, figures in results:
        assets = figures["assets"]
        lines.append(
            f"{label:32} {figures['total'] / 1024:7.1f} KB  (HTML {figures['html'] / 1024:.1f} KB "
            f"{figures['html_encoding']}, {len(assets)} assets "
            f"{sum(size for size, _e in assets.values()) / 1024:.1f} KB)"
        )
    return "\n".join(lines)


def main():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intan_banjar.settings.bench")
    os.environ.setdefault("BENCH_DATABASE", "intan_page_weight")
    import django

    django.setup()
    from django.test.utils import setup_databases, teardown_databases

    from bench.load_report import merge_results

    databases = setup_databases(verbosity=0, interactive=False)
    try:
        people = seed()
        parts = [
            "## Page weight",
            "",
            f"Measured {datetime.date.today():%Y-%m-%d} by `bench/page_weight.py` (`make bench`): "
            "each page and every stylesheet, script and image it references, fetched once as by "
            "a browser with an empty cache, production's static storage; target "
            f"{LIMIT_BYTES // 1024} KB.",
            "",
        ]
        with production_static(ignore=NOT_ON_PAGES):
            for encoding in ("gzip", "br, gzip"):
                figures = report(measure_pages(people, encoding))
                print(f"Page weight with Accept-Encoding: {encoding} (empty cache)")
                print(figures, end="\n\n")
                parts += [f"Accept-Encoding: {encoding}", "", "```", figures, "```", ""]
        merge_results("\n".join(parts), heading="## Page weight")
    finally:
        teardown_databases(databases, verbosity=0)


if __name__ == "__main__":
    main()
