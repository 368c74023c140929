"""The region indicator's evidence file comes back out: page link, page download and API.

It is uploaded with the region's level and later sent on with the IGA entry, so those who see
the region's figures can download it (and nobody else: the file is never a public media URL).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from iga.models import RegionIndicator
from tests.innovations.factories import PDF_BYTES, PNG_BYTES

from .factories import RegionIndicatorFactory, cycle_of

pytestmark = pytest.mark.django_db

PAGE = "/iga/2025/region-indicators/8/evidence/"
API = "/api/v1/reports/iid/2025/region-indicators/8/evidence/"


@pytest.fixture
def cycle():
    return cycle_of(2025)


def upload(client, admin_user, name, content, content_type):
    client.force_login(admin_user)
    response = client.post(
        "/iga/2025/region-indicators/",
        {
            "number": 8,
            "level": "3",
            "evidence_file": SimpleUploadedFile(name, content, content_type),
        },
    )
    assert response.status_code == 302
    return RegionIndicator.objects.get(indicator__number=8)


def body(response):
    return b"".join(response.streaming_content)


def test_uploaded_evidence_is_linked_on_the_region_page_and_downloads(client, admin_user, cycle):
    upload(client, admin_user, "lhp.pdf", PDF_BYTES, "application/pdf")

    page = client.get("/iga/2025/").content.decode()
    response = client.get(PAGE)

    assert f'href="{PAGE}" data-link="region-evidence">lhp.pdf</a>' in page
    assert response.status_code == 200
    assert body(response) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="lhp.pdf"'


def test_evidence_keeps_the_name_its_content_downloads_with(client, admin_user, cycle):
    """Checked by content: a PNG sent as "bukti.pdf" is kept and served as "bukti.png"."""
    saved = upload(client, admin_user, "bukti.pdf", PNG_BYTES, "application/pdf")

    response = client.get(PAGE)

    assert saved.evidence_filename == "bukti.png"
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="bukti.png"'


def test_no_evidence_file_is_404(client, admin_user, cycle):
    RegionIndicatorFactory(cycle=cycle, number=8)  # a link as evidence, no file
    client.force_login(admin_user)

    assert client.get(PAGE).status_code == 404
    assert client.get("/iga/2025/region-indicators/9/evidence/").status_code == 404


def test_api_report_gives_the_evidence_url_and_it_downloads(api_as, client, admin_user, cycle):
    upload(client, admin_user, "lhp.pdf", PDF_BYTES, "application/pdf")
    RegionIndicatorFactory(cycle=cycle, number=9)  # a link only

    report = api_as(admin_user).get("/api/v1/reports/iid/2025/").json()
    urls = {row["number"]: row["evidence_url"] for row in report["region_indicators"]}
    response = api_as(admin_user).get(urls[8])

    assert urls[8] == API
    assert urls[9] is None
    assert response.status_code == 200
    assert body(response) == PDF_BYTES


def test_unit_staff_and_anonymous_get_no_evidence(api_as, client, admin_user, operator, cycle):
    upload(client, admin_user, "lhp.pdf", PDF_BYTES, "application/pdf")
    client.force_login(operator)

    assert client.get(PAGE).status_code == 403
    assert api_as(operator).get(API).status_code == 403
    assert api_as(None).get(API).status_code == 401
