import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.enums import UnitKind
from accounts.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

UNITS_URL = "/api/v1/units/"
FIELDS = {
    "code",
    "name",
    "kind",
    "parent",
    "kecamatan",
    "kemendagri_code",
    "head_name",
    "head_nip",
    "head_title",
    "active",
}
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
NON_ADMIN_ROLES = [role for role in ROLES if role != "admin"]


def test_units_list_anonymous_is_401(db):
    assert APIClient().get(UNITS_URL).status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_units_list_is_open_to_every_role(api_as, users_by_role, role):
    response = api_as(users_by_role[role]).get(UNITS_URL, {"page_size": 200})

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == Unit.objects.count() >= 72
    assert set(body["results"][0]) == FIELDS


def test_units_list_filter_kind_gives_the_20_kecamatan(api_as, operator):
    response = api_as(operator).get(UNITS_URL, {"kind": "kecamatan", "page_size": 50})

    results = response.json()["results"]
    assert len(results) == 20
    assert {unit["kind"] for unit in results} == {"kecamatan"}
    assert sorted(unit["kemendagri_code"] for unit in results) == [
        f"63.03.{n:02d}" for n in range(1, 21)
    ]


def test_units_list_filter_kind_unknown_is_400(api_as, operator):
    response = api_as(operator).get(UNITS_URL, {"kind": "planet"})

    assert response.status_code == 400
    assert "kind" in response.json()


def test_units_list_filter_active(api_as, operator):
    Unit.objects.filter(code="PKM-GAMBUT").update(active=False)

    inactive = api_as(operator).get(UNITS_URL, {"active": "false"}).json()["results"]
    active = api_as(operator).get(UNITS_URL, {"active": "true", "page_size": 200}).json()

    assert [unit["code"] for unit in inactive] == ["PKM-GAMBUT"]
    assert "PKM-GAMBUT" not in {unit["code"] for unit in active["results"]}
    assert active["count"] == Unit.objects.filter(active=True).count()


def test_units_list_search_matches_code_and_name(api_as, operator):
    UnitFactory(code="DINAS-ZZQ", name="Dinas Percobaan")
    UnitFactory(code="BADAN-X", name="Badan Zzq Daerah")

    response = api_as(operator).get(UNITS_URL, {"search": "zzq"})

    assert {unit["code"] for unit in response.json()["results"]} == {"DINAS-ZZQ", "BADAN-X"}


def test_units_list_ordering(api_as, operator):
    response = api_as(operator).get(UNITS_URL, {"ordering": "-code", "page_size": 200})

    codes = [unit["code"] for unit in response.json()["results"]]
    assert codes == sorted(codes, reverse=True)


def test_units_puskesmas_refers_to_parent_and_kecamatan_by_code(api_as, operator):
    puskesmas = Unit.objects.filter(kind="puskesmas", kecamatan__isnull=False).first()

    body = api_as(operator).get(f"{UNITS_URL}{puskesmas.code}/").json()

    assert body["parent"] == "DINKES"
    assert body["kecamatan"] == puskesmas.kecamatan.code


def test_units_detail_by_code(api_as, operator):
    response = api_as(operator).get(f"{UNITS_URL}DINKES/")

    assert response.status_code == 200
    assert response.json()["code"] == "DINKES"
    assert response.json()["kind"] == "perangkat_daerah"


def test_units_detail_unknown_code_is_404(api_as, operator):
    assert api_as(operator).get(f"{UNITS_URL}NO-SUCH-UNIT/").status_code == 404


def test_units_detail_anonymous_is_401(db):
    assert APIClient().get(f"{UNITS_URL}DINKES/").status_code == 401


def new_unit_payload(**overrides):
    payload = {
        "code": "DESA-BARU",
        "name": "Desa Baru",
        "kind": "desa",
        "kecamatan": Unit.objects.filter(kind="kecamatan").first().code,
        "head_name": "H. Baru",
        "head_nip": "197001011990031002",
        "head_title": "Pembakal",
    }
    payload.update(overrides)
    return payload


def test_units_create_by_admin(api_as, admin_user):
    response = api_as(admin_user).post(UNITS_URL, new_unit_payload(), format="json")

    assert response.status_code == 201
    unit = Unit.objects.get(code="DESA-BARU")
    assert unit.kind == UnitKind.DESA and unit.active
    assert response.json()["kecamatan"] == unit.kecamatan.code


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_units_create_refused_to_non_admins(api_as, users_by_role, role):
    response = api_as(users_by_role[role]).post(UNITS_URL, new_unit_payload(), format="json")

    assert response.status_code == 403
    assert not Unit.objects.filter(code="DESA-BARU").exists()


def test_units_create_anonymous_is_401(db):
    response = APIClient().post(UNITS_URL, new_unit_payload(), format="json")

    assert response.status_code == 401


def test_units_create_duplicate_code_is_400(api_as, admin_user):
    response = api_as(admin_user).post(UNITS_URL, new_unit_payload(code="DINKES"), format="json")

    assert response.status_code == 400
    assert "code" in response.json()


def test_units_create_kecamatan_must_be_a_kecamatan(api_as, admin_user):
    payload = new_unit_payload(kecamatan="DINKES")

    response = api_as(admin_user).post(UNITS_URL, payload, format="json")

    assert response.status_code == 400
    assert "kecamatan" in response.json()


def test_units_create_bad_nip_is_400(api_as, admin_user):
    payload = new_unit_payload(head_nip="12345")

    response = api_as(admin_user).post(UNITS_URL, payload, format="json")

    assert response.status_code == 400
    assert "head_nip" in response.json()


def test_units_patch_by_admin_renames_and_deactivates(api_as, admin_user):
    response = api_as(admin_user).patch(
        f"{UNITS_URL}PKM-GAMBUT/", {"name": "UPT Puskesmas Gambut", "active": False}, format="json"
    )

    assert response.status_code == 200
    unit = Unit.objects.get(code="PKM-GAMBUT")
    assert unit.name == "UPT Puskesmas Gambut" and unit.active is False


def test_units_patch_keeps_the_code(api_as, admin_user):
    response = api_as(admin_user).patch(
        f"{UNITS_URL}DINKES/", {"code": "DINKES-BARU", "name": "Dinkes"}, format="json"
    )

    assert response.status_code == 200
    assert Unit.objects.filter(code="DINKES", name="Dinkes").exists()
    assert not Unit.objects.filter(code="DINKES-BARU").exists()


@pytest.mark.parametrize("role", NON_ADMIN_ROLES)
def test_units_patch_refused_to_non_admins(api_as, users_by_role, role):
    response = api_as(users_by_role[role]).patch(
        f"{UNITS_URL}DINKES/", {"name": "Renamed"}, format="json"
    )

    assert response.status_code == 403
    assert Unit.objects.get(code="DINKES").name != "Renamed"


def test_units_patch_anonymous_is_401(db):
    response = APIClient().patch(f"{UNITS_URL}DINKES/", {"name": "Renamed"}, format="json")

    assert response.status_code == 401


def test_units_put_and_delete_are_not_offered(api_as, admin_user):
    client = api_as(admin_user)

    assert client.delete(f"{UNITS_URL}DINKES/").status_code == 405
    assert client.put(f"{UNITS_URL}DINKES/", new_unit_payload(), format="json").status_code == 405


def count_queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.json()["count"]


def make_search_units(n):
    kecamatan = Unit.objects.filter(kind="kecamatan").first()
    parent = Unit.objects.get(code="DINKES")
    return UnitFactory.create_batch(n, name="Unit Hitung", parent=parent, kecamatan=kecamatan)


def test_units_list_query_count_is_constant(api_as, operator, django_assert_num_queries):
    client = api_as(operator)
    make_search_units(1)
    one, count_one = count_queries(client, UNITS_URL, {"search": "Unit Hitung"})
    make_search_units(9)

    with django_assert_num_queries(one):
        response = client.get(UNITS_URL, {"search": "Unit Hitung"})

    assert (count_one, response.json()["count"]) == (1, 10)


def test_units_list_page_size_is_capped_at_200(api_as, operator):
    Unit.objects.bulk_create(
        Unit(code=f"BULK-{n:03d}", name=f"Unit {n}", kind=UnitKind.DESA) for n in range(150)
    )
    total = Unit.objects.count()
    client = api_as(operator)

    default = client.get(UNITS_URL).json()
    capped = client.get(UNITS_URL, {"page_size": 1000}).json()

    assert set(default) == {"count", "next", "previous", "results"}
    assert len(default["results"]) == 50 and default["previous"] is None
    assert capped["count"] == total > 200
    assert len(capped["results"]) == 200
    assert "page=2" in capped["next"]
    last = client.get(UNITS_URL, {"page_size": 200, "page": 2}).json()
    assert len(last["results"]) == total - 200 and last["next"] is None
