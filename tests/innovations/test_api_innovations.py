"""/api/v1/innovations/: visibility, list shape and cost, create, patch, transitions, history."""

import pytest
from django.conf import settings
from django.db.models import Value
from django.db.models.fields import FloatField

from innovations import querysets
from innovations.enums import Status
from innovations.models import Innovation

from .api_helpers import LIST, body, detail
from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db

ALL_ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


@pytest.fixture
def cast(unit, other_unit, cycle, curator):
    """One innovation per visibility case."""
    return {
        "own_draft": InnovationFactory(unit=unit, cycle=cycle),
        "own_submitted": InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED),
        "other_draft": InnovationFactory(unit=other_unit, cycle=cycle),
        "other_approved": InnovationFactory(unit=other_unit, cycle=cycle, status=Status.APPROVED),
        "community_draft": CommunityInnovationFactory(created_by=curator, cycle=cycle),
        "public_unconfirmed": CommunityInnovationFactory(created_by=None, cycle=cycle),
        "community_submitted": CommunityInnovationFactory(
            created_by=curator, cycle=cycle, status=Status.SUBMITTED
        ),
    }


VISIBLE = {
    "operator": {"own_draft", "own_submitted"},
    "head": {"own_draft", "own_submitted"},
    "other_operator": {"other_draft", "other_approved"},
    "curator": {"own_submitted", "other_approved", "community_draft", "community_submitted"},
    "lead_curator": {"own_submitted", "other_approved", "community_submitted"},
    "leader": {"own_submitted", "other_approved", "community_submitted"},
    "admin": {
        "own_draft",
        "own_submitted",
        "other_draft",
        "other_approved",
        "community_draft",
        "public_unconfirmed",
        "community_submitted",
    },
}


@pytest.mark.parametrize("role", ALL_ROLES)
def test_innovation_list_visibility_per_role(role, users_by_role, cast, api_as):
    response = api_as(users_by_role[role]).get(LIST)

    assert response.status_code == 200
    codes = {item["code"] for item in response.json()["results"]}
    assert codes == {cast[name].code for name in VISIBLE[role]}


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("case", ["own_draft", "own_submitted", "other_draft", "community_draft"])
def test_innovation_detail_visibility_per_role(role, case, users_by_role, cast, api_as):
    response = api_as(users_by_role[role]).get(detail(cast[case]))

    assert response.status_code == (200 if case in VISIBLE[role] else 404)


@pytest.mark.parametrize(("language", "text"), [("id", "Tidak ditemukan."), ("en", "Not found.")])
def test_innovation_detail_of_another_unit_says_not_found_in_the_readers_language(
    language, text, operator, cast, api_as
):
    client = api_as(operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    response = client.get(detail(cast["other_draft"]))

    assert response.status_code == 404
    assert response.json() == {"detail": text}  # not "No Innovation matches the given query."


def test_innovation_list_anonymous_401(api_as, cast):
    assert api_as(None).get(LIST).status_code == 401
    assert api_as(None).get(detail(cast["own_submitted"])).status_code == 401


def test_innovation_detail_shape(api_as, operator, innovation):
    InnovatorFactory(innovation=innovation, name="Siti", nip="198502142010011003")
    PartnerFactory(innovation=innovation)

    data = api_as(operator).get(detail(innovation)).json()

    assert data["code"] == innovation.code
    assert data["year"] == innovation.cycle.year
    assert data["unit"] == innovation.unit.code
    assert data["status"] == "draft"
    assert data["source_category"] == "perangkat_daerah"
    assert data["innovators"] == [{"name": "Siti", "nip": "198502142010011003"}]
    assert data["partners"][0]["actor"] == "akademisi"
    assert data["community_submitter"] is None
    assert data["score"] is None
    assert data["allowed_actions"] == ["submit", "withdraw"]
    assert data["created_at"].endswith("+08:00")


def _populate(count, unit, cycle):
    for _ in range(count):
        innovation = InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED)
        InnovatorFactory.create_batch(2, innovation=innovation)
        PartnerFactory.create_batch(2, innovation=innovation)
        AttachmentFactory.create_batch(2, innovation=innovation)


@pytest.mark.parametrize("role", ["operator", "curator", "admin"])
def test_innovation_list_query_count_constant(
    role, users_by_role, unit, cycle, api_as, django_assert_num_queries
):
    client = api_as(users_by_role[role])
    _populate(1, unit, cycle)
    with django_assert_num_queries(5) as one:
        assert client.get(LIST).json()["count"] == 1
    _populate(9, unit, cycle)
    with django_assert_num_queries(len(one.captured_queries)):
        assert client.get(LIST).json()["count"] == 10


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "submitted"}, {"b"}),
        ({"maturity": "penerapan"}, {"b"}),
        ({"lab_stage": "design"}, {"a"}),
        ({"origin": "pkp"}, {"a"}),
        ({"form": "tata_kelola"}, {"a"}),
        ({"type": "non_digital"}, {"b"}),
        ({"source_category": "perangkat_daerah"}, {"a", "b"}),
        ({"source_category": "masyarakat"}, set()),
        ({"search": "irigasi"}, {"a"}),
        ({"search": "SAWAH"}, {"b"}),
    ],
)
def test_innovation_list_filters(params, expected, api_as, admin_user, unit, cycle):
    made = {
        "a": InnovationFactory(
            unit=unit,
            cycle=cycle,
            title="Irigasi Pintar",
            origin="pkp",
            form="tata_kelola",
            lab_stage="design",
        ),
        "b": InnovationFactory(
            unit=unit,
            cycle=cycle,
            status=Status.SUBMITTED,
            maturity="penerapan",
            type="non_digital",
            summary="Sawah lestari",
        ),
    }

    results = api_as(admin_user).get(LIST, params).json()["results"]

    assert {r["code"] for r in results} == {made[k].code for k in expected}


def test_innovation_list_filter_by_year_and_unit_code(api_as, admin_user, unit, other_unit, cycle):
    mine = InnovationFactory(unit=unit, cycle=cycle)
    InnovationFactory(unit=other_unit, cycle=cycle)

    results = api_as(admin_user).get(LIST, {"unit": unit.code, "year": cycle.year}).json()
    code_search = api_as(admin_user).get(LIST, {"search": mine.code}).json()

    assert [r["code"] for r in results["results"]] == [mine.code]
    assert [r["code"] for r in code_search["results"]] == [mine.code]
    assert api_as(admin_user).get(LIST, {"year": 1999}).json()["count"] == 0


def test_innovation_list_ordering_by_title(api_as, admin_user, unit, cycle):
    for title in ["Beta", "Alpha", "Gamma"]:
        InnovationFactory(unit=unit, cycle=cycle, title=title)

    results = api_as(admin_user).get(LIST, {"ordering": "-title"}).json()["results"]

    assert [r["title"] for r in results] == ["Gamma", "Beta", "Alpha"]


def test_innovation_score_hidden_from_unit_staff(api_as, operator, curator, leader, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()

    def fake_score(queryset):
        return queryset.annotate(score=Value(72.5, output_field=FloatField()))

    querysets.register_score_annotation(fake_score)
    try:
        as_operator = api_as(operator).get(detail(innovation)).json()
        as_curator = api_as(curator).get(detail(innovation)).json()
        as_leader = api_as(leader).get(LIST).json()["results"][0]
    finally:
        querysets._score_annotators.remove(fake_score)

    assert as_operator["score"] is None
    assert as_curator["score"] == 72.5
    assert as_leader["score"] == 72.5


# Create


def test_innovation_create_by_operator_forced_to_own_unit(api_as, operator, other_unit, cycle):
    response = api_as(operator).post(
        LIST, body(unit=other_unit.code, year=cycle.year), format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["unit"] == operator.unit.code
    assert data["status"] == "draft"
    assert data["affairs"] == ["kesehatan", "komunikasi"]
    assert data["partners"] == [{"actor": "swasta", "name": "Bank Kalsel", "role": "Sponsor"}]
    assert data["code"].startswith(f"INV-{cycle.year}-")


def test_innovation_create_with_lab_stage_records_it(api_as, head, cycle):
    response = api_as(head).post(LIST, body(lab_stage="diagnose"), format="json")

    assert response.status_code == 201
    innovation = Innovation.objects.get(pk=response.json()["id"])
    assert list(innovation.stage_records.values_list("stage", flat=True)) == ["diagnose"]


def test_innovation_create_source_category_not_typed(api_as, operator, cycle):
    response = api_as(operator).post(LIST, body(source_category="masyarakat"), format="json")

    assert response.json()["source_category"] == operator.unit.kind


@pytest.mark.parametrize("role", ["curator", "admin"])
def test_innovation_create_for_any_unit_by_region_staff(
    role, users_by_role, other_unit, cycle, api_as
):
    response = api_as(users_by_role[role]).post(LIST, body(unit=other_unit.code), format="json")

    assert response.status_code == 201
    assert response.json()["unit"] == other_unit.code


def test_innovation_create_community_entry_by_curator(api_as, curator, cycle):
    submitter = {"name": "Pokdarwis", "email": "pokdarwis@contoh.id", "phone": "081234567890"}
    response = api_as(curator).post(
        LIST, body(unit=None, community_submitter=submitter), format="json"
    )

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["source_category"] == "masyarakat"
    assert data["community_submitter"]["name"] == "Pokdarwis"
    # the curator sees their own community draft
    assert api_as(curator).get(detail(Innovation.objects.get(pk=data["id"]))).status_code == 200


def test_innovation_create_community_without_submitter_400(api_as, curator, cycle):
    response = api_as(curator).post(LIST, body(unit=None), format="json")

    assert response.status_code == 400
    assert "community_submitter" in response.json()


def test_innovation_create_by_leader_403(api_as, leader, cycle):
    response = api_as(leader).post(LIST, body(), format="json")

    assert response.status_code == 403
    assert not Innovation.objects.exists()


def test_innovation_create_anonymous_401(api_as, cycle):
    assert api_as(None).post(LIST, body(), format="json").status_code == 401


def test_innovation_create_script_title_stored_as_typed(api_as, operator, cycle):
    title = '<script>alert("x")</script>'

    response = api_as(operator).post(LIST, body(title=title), format="json")

    assert response.json()["title"] == title
    assert Innovation.objects.get().title == title


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"innovators": [{"name": "A", "nip": "19850214201001100"}]}, "innovators"),
        ({"innovators": [{"name": "A", "nip": "19850214201001100X"}]}, "innovators"),
        ({"trial_date": "2025-06-02", "implementation_date": "2025-06-01"}, "implementation_date"),
        ({"origin": "alien"}, "origin"),
        ({"partners": [{"actor": "robot", "name": "X"}]}, "partners"),
        ({"video_url": "not a link"}, "video_url"),
        ({"budget": -5}, "budget"),
        ({"year": 1999}, "year"),
        ({"title": ""}, "title"),
    ],
)
def test_innovation_create_bad_input_400(overrides, field, api_as, operator, cycle):
    response = api_as(operator).post(LIST, body(**overrides), format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Innovation.objects.exists()


def test_innovation_create_nip_error_names_the_digits(api_as, operator, cycle):
    response = api_as(operator).post(
        LIST, body(innovators=[{"name": "A", "nip": "19850214201001100"}]), format="json"
    )

    errors = response.json()["innovators"]
    first = errors["0"] if isinstance(errors, dict) else errors[0]  # DRF keys list errors by index
    assert "18" in first["nip"][0]
