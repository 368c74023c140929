"""The public catalogue pages and open data: launched only, public fields only, no login."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.enums import UnitKind
from innovations.enums import Form, Maturity, SourceCategory, Status
from tests.factories import CycleFactory, UnitFactory

from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    CommunitySubmitterFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .public_helpers import SECRETS, launched_with_secrets

pytestmark = pytest.mark.django_db


def test_catalogue_anonymous_sees_only_launched(client, cycle):
    shown = InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Inovasi Terluncurkan")
    for status in Status:
        if status != Status.LAUNCHED:
            InnovationFactory(cycle=cycle, status=status, title=f"Tersembunyi {status}")
    response = client.get(reverse("katalog:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert shown.title in body
    assert "Tersembunyi" not in body


def test_catalogue_shows_launched_of_every_year(client):
    old = InnovationFactory(cycle=CycleFactory(year=2021), status=Status.LAUNCHED, title="Lama")
    new = InnovationFactory(cycle=CycleFactory(year=2025), status=Status.LAUNCHED, title="Baru")
    body = client.get(reverse("katalog:list")).content.decode()
    assert old.code in body and new.code in body


def test_catalogue_search_by_title_and_unit_name(client, cycle):
    unit = UnitFactory(name="Dinas Pertanian Uji")
    InnovationFactory(cycle=cycle, unit=unit, status=Status.LAUNCHED, title="Padi Apung")
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Antrean Daring")
    body = client.get(reverse("katalog:list"), {"search": "apung"}).content.decode()
    assert "Padi Apung" in body and "Antrean Daring" not in body
    body = client.get(reverse("katalog:list"), {"search": "pertanian"}).content.decode()
    assert "Padi Apung" in body and "Antrean Daring" not in body


@pytest.mark.parametrize(
    ("param", "value", "match", "other"),
    [
        ("form", Form.TATA_KELOLA, {"form": Form.TATA_KELOLA}, {"form": Form.PELAYANAN_PUBLIK}),
        ("maturity", Maturity.PENERAPAN, {"maturity": Maturity.PENERAPAN}, {}),
        ("type", "non_digital", {"type": "non_digital"}, {"type": "digital"}),
    ],
)
def test_catalogue_filters_by_profile_fields(client, cycle, param, value, match, other):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Zamrud Alfa", **match)
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Zamrud Beta", **other)
    body = client.get(reverse("katalog:list"), {param: value}).content.decode()
    assert "Zamrud Alfa" in body and "Zamrud Beta" not in body


def test_catalogue_filters_by_year_category_and_unit_kind(client):
    puskesmas = UnitFactory(kind=UnitKind.PUSKESMAS)
    InnovationFactory(
        cycle=CycleFactory(year=2024), unit=puskesmas, status=Status.LAUNCHED, title="Sehat 2024"
    )
    InnovationFactory(cycle=CycleFactory(year=2025), status=Status.LAUNCHED, title="Dinas 2025")
    community = CommunityInnovationFactory(
        cycle=CycleFactory(year=2025), status=Status.LAUNCHED, title="Warga 2025"
    )
    url = reverse("katalog:list")
    body = client.get(url, {"year": 2024}).content.decode()
    assert "Sehat 2024" in body and "Dinas 2025" not in body
    body = client.get(url, {"unit_kind": UnitKind.PUSKESMAS}).content.decode()
    assert "Sehat 2024" in body and "Dinas 2025" not in body and "Warga 2025" not in body
    body = client.get(url, {"source_category": SourceCategory.MASYARAKAT}).content.decode()
    assert community.title in body and "Sehat 2024" not in body


def test_catalogue_paginates(client, cycle):
    for n in range(23):
        InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title=f"Inovasi {n:02d}")
    first = client.get(reverse("katalog:list")).content.decode()
    second = client.get(reverse("katalog:list"), {"page": 2}).content.decode()
    assert first.count('href="/katalog/INV-') == 20
    assert second.count('href="/katalog/INV-') == 3


def test_catalogue_escapes_script_in_title(client, cycle):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="<script>alert(1)</script>")
    body = client.get(reverse("katalog:list")).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def _launched_with_relations(cycle, n):
    for _ in range(n):
        innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
        InnovatorFactory(innovation=innovation)
        PartnerFactory(innovation=innovation)
        AttachmentFactory(innovation=innovation)


def _read(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        _read(client.get(url))
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["katalog:list", "katalog:data_json", "katalog:data_csv"])
def test_catalogue_query_count_constant(client, cycle, django_assert_num_queries, url_name):
    url = reverse(url_name)
    _launched_with_relations(cycle, 1)
    with_one = _count_queries(client, url)
    _launched_with_relations(cycle, 9)
    with django_assert_num_queries(with_one):
        body = _read(client.get(url)).decode("utf-8-sig")
    assert body.count("INV-") >= 10


def test_detail_reads_only_what_it_shows(client, cycle, django_assert_num_queries):
    """The innovation (with its unit), its innovators and its partners, its later years and who
    replicated it (issue 15): nothing loaded per field."""
    innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    InnovatorFactory(innovation=innovation)
    PartnerFactory(innovation=innovation)
    url = reverse("katalog:detail", args=[innovation.code])
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200


def test_detail_shows_public_fields(client, cycle):
    innovation = InnovationFactory(
        cycle=cycle, status=Status.LAUNCHED, results="Waktu layanan turun menjadi 1 hari."
    )
    InnovatorFactory(innovation=innovation, name="Siti Rahmah")
    PartnerFactory(innovation=innovation, name="Universitas Lambung Mangkurat")
    response = client.get(reverse("katalog:detail", args=[innovation.code]))
    assert response.status_code == 200
    body = response.content.decode()
    for text in (
        innovation.title,
        innovation.code,
        innovation.unit.name,
        "Siti Rahmah",
        "Universitas Lambung Mangkurat",
        "Waktu layanan turun menjadi 1 hari.",
    ):
        assert text in body


@pytest.mark.parametrize("status", [s for s in Status if s != Status.LAUNCHED])
def test_detail_of_unlaunched_is_404(client, cycle, status):
    innovation = InnovationFactory(cycle=cycle, status=status)
    assert client.get(reverse("katalog:detail", args=[innovation.code])).status_code == 404


def test_detail_unknown_code_is_404(client):
    assert client.get(reverse("katalog:detail", args=["INV-1999-0001"])).status_code == 404


def _public_outputs(client, innovation):
    outputs = [
        client.get(reverse("katalog:list")).content.decode(),
        client.get(reverse("katalog:detail", args=[innovation.code])).content.decode(),
        b"".join(client.get(reverse("katalog:data_csv")).streaming_content).decode("utf-8-sig"),
        b"".join(client.get(reverse("katalog:data_json")).streaming_content).decode(),
        client.get("/api/v1/public/innovations/").content.decode(),
        client.get(f"/api/v1/public/innovations/{innovation.code}/").content.decode(),
    ]
    return outputs


def test_public_outputs_carry_no_private_data(client, cycle):
    innovation = launched_with_secrets(cycle)
    outputs = _public_outputs(client, innovation)
    assert all(innovation.title in output for output in outputs)
    for output in outputs:
        for secret in SECRETS:
            assert secret not in output, secret


def test_public_pages_need_no_login(client, cycle):
    innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    for url in (
        reverse("katalog:list"),
        reverse("katalog:detail", args=[innovation.code]),
        reverse("katalog:data_csv"),
        reverse("katalog:data_json"),
        reverse("katalog:submit"),
    ):
        assert client.get(url).status_code == 200, url


def test_public_pages_same_for_signed_in_users(client, cycle, users_by_role):
    innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    hidden = InnovationFactory(cycle=cycle, status=Status.APPROVED, title="Belum Diluncurkan")
    for user in users_by_role.values():
        client.force_login(user)
        body = client.get(reverse("katalog:list")).content.decode()
        assert innovation.title in body and hidden.title not in body
        assert client.get(reverse("katalog:detail", args=[hidden.code])).status_code == 404


def test_data_csv_has_bom_and_escapes_formulas(client, cycle):
    InnovationFactory(
        cycle=cycle,
        status=Status.LAUNCHED,
        title='=HYPERLINK("http://jahat.example")',
        summary="+628123",
        goals="-1",
        benefits="@SUM(A1)",
        results="\tTab",
    )
    raw = b"".join(client.get(reverse("katalog:data_csv")).streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == '\'=HYPERLINK("http://jahat.example")'
    assert row["summary"] == "'+628123"
    assert row["goals"] == "'-1"
    assert row["benefits"] == "'@SUM(A1)"
    assert row["results"] == "'\tTab"


def test_data_csv_and_json_respect_filters(client):
    InnovationFactory(cycle=CycleFactory(year=2024), status=Status.LAUNCHED, title="Empat")
    InnovationFactory(cycle=CycleFactory(year=2025), status=Status.LAUNCHED, title="Lima")
    data = json.loads(
        b"".join(client.get(reverse("katalog:data_json"), {"year": 2024}).streaming_content)
    )
    assert [row["title"] for row in data] == ["Empat"]
    raw = b"".join(client.get(reverse("katalog:data_csv"), {"year": 2025}).streaming_content)
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["title"] for row in rows] == ["Lima"]


def test_data_json_record_fields(client, cycle):
    community = CommunitySubmitterFactory(
        innovation__cycle=cycle, innovation__status=Status.LAUNCHED
    ).innovation
    data = json.loads(b"".join(client.get(reverse("katalog:data_json")).streaming_content))
    assert len(data) == 1
    record = data[0]
    assert record["code"] == community.code
    assert record["unit"] is None and record["source_category"] == "masyarakat"
    assert "community_submitter" not in record and "budget" not in record
    assert "score" not in record and "attachments" not in record
