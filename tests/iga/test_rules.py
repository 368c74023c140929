"""The IID rules are data per cycle: chosen by year when a cycle is created (through the API and
through the page), shipped with their sources and unconfirmed marks, and edited by admins in the
portal (pages with forms) and through the API."""

import json
import re
from html.parser import HTMLParser

import pytest

from iga.enums import Part
from iga.models import IidRules, Indicator, IndicatorScore
from iga.yearly import DATA, EDITIONS, edition, edition_for_year, level_from_legacy_value
from innovations.models import Cycle

from .factories import RegionIndicatorFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
NEW_2025 = {
    "year": 2025,
    "submission_opens": "2025-01-15",
    "submission_deadline": "2025-09-30",
    "curation_deadline": "2025-11-15",
    "agreement_deadline": "2025-02-28",
    "launch_date": "2025-12-11",
}


def assert_2025_rules(cycle):
    sangat = next(b for b in cycle.iga_bands if b["category"] == "sangat_inovatif")
    assert sangat["min"] == 65.01 and sangat["confirmed"] is True
    assert IidRules.objects.get(cycle=cycle).edition == "2025"
    names = dict(Indicator.objects.filter(cycle=cycle).values_list("number", "name"))
    assert names[33] == "Jumlah penerima manfaat inovasi"
    assert names[16] == "Regulasi inovasi daerah (masih berlaku)"
    assert "HAKI" in names[15]
    assert set(names) == set(range(1, 36))


def test_a_2025_cycle_created_through_the_api_gets_the_2025_rules(api_as, admin_user):
    response = api_as(admin_user).post("/api/v1/cycles/", NEW_2025, format="json")
    assert response.status_code == 201
    assert response.json()["iga_bands"][0] == {
        "category": "sangat_inovatif",
        "label": "Sangat Inovatif",
        "min": 65.01,
        "max": 100,
        "confirmed": True,
        "source": "banjar-data",
    }
    assert_2025_rules(Cycle.objects.get(year=2025))


def test_a_2025_cycle_created_through_the_page_gets_the_2025_rules(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/innovations/cycle/add/",
        {
            **NEW_2025,
            "min_innovations_per_unit": 1,
            "reminder_offsets_days": "[30, 14, 7, 1]",
            "reminder_send_time": "08:00",
            "review_overdue_days": 14,
            "revision_pending_days": 7,
            "iga_bands": "[]",
            "iid_min_divisor": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert_2025_rules(Cycle.objects.get(year=2025))


def test_a_2024_cycle_gets_the_2023_24_rules(api_as, admin_user):
    body = {
        k: v.replace("2025", "2024") if isinstance(v, str) else 2024 for k, v in NEW_2025.items()
    }
    api_as(admin_user).post("/api/v1/cycles/", body, format="json")
    cycle = Cycle.objects.get(year=2024)
    assert cycle.iga_bands[0]["min"] == 60.01
    assert IidRules.objects.get(cycle=cycle).edition == "2023"
    assert Indicator.objects.get(cycle=cycle, number=33).name == "Kemanfaatan inovasi"


def test_explicit_bands_are_kept_and_cleared_bands_return_to_the_year(api_as, admin_user):
    bands = [{"category": "sangat_inovatif", "label": "SI", "min": 70, "max": 100}]
    response = api_as(admin_user).post(
        "/api/v1/cycles/", {**NEW_2025, "iga_bands": bands}, format="json"
    )
    assert response.json()["iga_bands"] == bands
    api_as(admin_user).patch("/api/v1/cycles/2025/", {"iga_bands": []}, format="json")
    assert Cycle.objects.get(year=2025).iga_bands[0]["min"] == 65.01


def test_editions_by_year():
    assert [edition_for_year(y) for y in (2019, 2023, 2024, 2025, 2031)] == [
        "2023",
        "2023",
        "2023",
        "2025",
        "2025",
    ]


@pytest.mark.parametrize("code", EDITIONS)
def test_shipped_level_texts_are_indonesian(code):
    english = re.compile(
        r"\b(the|and|or|with|staff|months?|days?|replicated|photo|meets|budget|year|of|in)\b",
        re.IGNORECASE,
    )
    for row in edition(code)["indicators"]:
        assert not english.search(row["name"]), row["name"]
        for level in row["levels"]:
            assert level["text"] and level["evidence"], (row["number"], level)
            assert not english.search(level["text"] + " " + level["evidence"]), (
                row["number"],
                level,
            )


@pytest.mark.parametrize("code", EDITIONS)
def test_every_confirmed_figure_names_a_source_listed_in_the_readme(code):
    readme = (DATA / "README").read_text(encoding="utf-8")
    data = edition(code)
    sources = {b["source"] for b in data["bands"] if b["confirmed"]}
    if data["min_divisor"]["confirmed"]:
        sources.add(data["min_divisor"]["source"])
    for row in data["indicators"]:
        if any(row["confirmed"].values()):
            sources.add(row["source"])
    assert sources
    for source in sources:
        assert f"`{source}`" in readme, source
    assert "`placeholder`" in readme


def test_the_2025_placeholders_are_marked_unconfirmed():
    data = edition("2025")
    assert not data["count_brackets"]["confirmed"]
    assert not any(row["confirmed"]["weight"] for row in data["indicators"])
    unconfirmed = [b["category"] for b in data["bands"] if not b["confirmed"]]
    assert unconfirmed == ["inovatif", "kurang_inovatif", "disclaimer"]
    json.dumps(data)  # plain data


def test_legacy_scores_map_down_to_levels():
    assert [level_from_legacy_value(v) for v in (0, 33.33, 33.34, 66.66, 66.67, 99.99, 100)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
    ]


# --- the rules page -------------------------------------------------------------------------------


def rules_post(**changes):
    data = {
        "min_divisor": "10",
        "min_divisor_confirmed": "on",
        "band-TOTAL_FORMS": "4",
        "band-INITIAL_FORMS": "4",
        "bracket-TOTAL_FORMS": "2",
        "bracket-INITIAL_FORMS": "2",
        "bracket-0-min": "0",
        "bracket-0-max": "4",
        "bracket-0-points": "1",
        "bracket-1-min": "5",
        "bracket-1-max": "",
        "bracket-1-points": "5",
    }
    bands = [
        ("sangat_inovatif", "65.01", "100", "on"),
        ("inovatif", "35", "65", "on"),
        ("kurang_inovatif", "0.01", "34.99", ""),
        ("disclaimer", "0", "0", ""),
    ]
    for n, (category, low, high, confirmed) in enumerate(bands):
        data.update(
            {
                f"band-{n}-category": category,
                f"band-{n}-min": low,
                f"band-{n}-max": high,
                f"band-{n}-label": "",
            }
        )
        if confirmed:
            data[f"band-{n}-confirmed"] = confirmed
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_rules_page_read_by_all_changed_by_admins(client, users_by_role, role):
    cycle = cycle_of(2025)
    client.force_login(users_by_role[role])
    page = client.get("/iga/2025/rules/")
    assert page.status_code == 200
    assert b"data-unconfirmed-mark" in page.content
    assert (b"data-rules-form" in page.content) is (role == "admin")
    response = client.post("/iga/2025/rules/", rules_post())
    assert response.status_code == (302 if role == "admin" else 403)
    cycle.refresh_from_db()
    rules = IidRules.objects.get(cycle=cycle)
    if role == "admin":
        assert rules.count_brackets == [
            {"min": 0, "max": 4, "points": "1.00"},
            {"min": 5, "max": None, "points": "5.00"},
        ]
        assert cycle.iga_bands[1] == {
            "category": "inovatif",
            "label": "Inovatif",
            "min": 35.0,
            "max": 65.0,
            "confirmed": True,
            "source": "",
        }
        assert rules.min_divisor_confirmed and rules.updated_by == users_by_role["admin"]
    else:
        assert rules.count_brackets[1]["points"] == "3.00"


def test_rules_page_refuses_overlapping_bands_and_brackets(client, admin_user):
    cycle = cycle_of(2025)
    client.force_login(admin_user)
    response = client.post("/iga/2025/rules/", rules_post(**{"band-1-max": "70"}))
    assert response.status_code == 400
    assert b"tumpang tindih" in response.content or b"overlap" in response.content
    response = client.post("/iga/2025/rules/", rules_post(**{"bracket-1-min": "3"}))
    assert response.status_code == 400
    cycle.refresh_from_db()
    assert cycle.iga_bands[0]["min"] == 65.01
    assert IidRules.objects.get(cycle=cycle).count_brackets[1]["points"] == "3.00"


class FormControls(HTMLParser):
    """The ids of the visible inputs and selects of a page, and the ids its labels name."""

    def __init__(self):
        super().__init__()
        self.controls, self.labelled = [], set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select"} and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))
        if tag == "label" and attrs.get("for"):
            self.labelled.add(attrs["for"])


def test_rules_page_names_every_band_and_bracket_field(client, admin_user):
    cycle_of(2025)
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    html = client.get("/iga/2025/rules/").content.decode()
    parser = FormControls()
    parser.feed(html)
    assert [c for c in parser.controls if c not in parser.labelled] == []
    for field, name in [
        ("category", "Predicate"),
        ("label", "Label"),
        ("min", "From"),
        ("max", "Up to"),
        ("confirmed", "Confirmed"),
        ("DELETE", "Delete"),
    ]:
        assert f'for="id_band-1-{field}">{name}, band 2</label>' in html
    assert 'for="id_bracket-0-points">Points, bracket 1</label>' in html


def test_indicator_page_edit_add_and_delete(client, admin_user, leader, unit):
    cycle = cycle_of(2025)
    client.force_login(leader)
    page = client.get("/iga/2025/rules/indicators/35/")
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post("/iga/2025/rules/indicators/35/", {"name": "x"}).status_code == 403
    assert client.get("/iga/2025/rules/indicators/new/").status_code == 403
    client.force_login(admin_user)
    fields = {
        "name": "Video inovasi daerah",
        "weight": "5",
        "effort_per_level": "2",
        "level_1": "Satu unsur.",
        "evidence_1": "Tautan video.",
        "weight_confirmed": "on",
        "source": "pedoman-2025",
    }
    assert client.post("/iga/2025/rules/indicators/35/", fields).status_code == 302
    video = Indicator.objects.get(cycle=cycle, number=35)
    assert (video.weight, video.max_score, video.effort_per_level) == (5, 15, 2)
    assert video.weight_confirmed and not video.levels_confirmed
    response = client.post(
        "/iga/2025/rules/indicators/new/", {**fields, "number": "36", "part": "innovation"}
    )
    assert response.status_code == 302
    assert Indicator.objects.get(cycle=cycle, number=36).part == Part.INNOVATION
    duplicate = client.post(
        "/iga/2025/rules/indicators/new/", {**fields, "number": "36", "part": "innovation"}
    )
    assert duplicate.status_code == 400
    assert client.post("/iga/2025/rules/indicators/36/", {"action": "delete"}).status_code == 302
    assert not Indicator.objects.filter(cycle=cycle, number=36).exists()
    give_levels(approved(cycle, unit), {35: 2})
    refused = client.post("/iga/2025/rules/indicators/35/", {"action": "delete"})
    assert refused.status_code == 400
    assert Indicator.objects.filter(cycle=cycle, number=35).exists()


def test_reload_an_edition_keeps_the_levels(client, admin_user, unit):
    cycle = cycle_of(2025)
    innovation = give_levels(approved(cycle, unit), {33: 2})
    client.force_login(admin_user)
    client.post("/iga/2025/rules/", rules_post())
    assert client.post("/iga/2025/rules/reload/", {"edition": "2023"}).status_code == 302
    cycle.refresh_from_db()
    assert cycle.iga_bands[0]["min"] == 60.01
    assert IidRules.objects.get(cycle=cycle).edition == "2023"
    assert Indicator.objects.get(cycle=cycle, number=33).name == "Kemanfaatan inovasi"
    assert IndicatorScore.objects.get(innovation=innovation).level == 2
    client.post("/iga/2025/rules/reload/", {"edition": "1999"})
    assert IidRules.objects.get(cycle=cycle).edition == "2023"


# --- the rules API --------------------------------------------------------------------------------


def test_rules_api_read_and_change(api_as, admin_user, operator):
    cycle_of(2025)
    data = api_as(operator).get("/api/v1/cycles/2025/iid-rules/").json()
    assert data["edition"] == "2025" and data["min_divisor"] == 10
    assert data["totals"] == {
        "spd_max": 40.5,
        "innovation_max": 111.0,
        "count_score_max": 9.0,
        "sid_max": 120.0,
        "total_max": 160.5,
        "region_share": 25.23,
    }
    assert len(data["indicators"]) == 35 and data["unconfirmed"]
    assert api_as(operator).put("/api/v1/cycles/2025/iid-rules/", {}).status_code == 403
    client = api_as(admin_user)
    changed = client.put(
        "/api/v1/cycles/2025/iid-rules/",
        {
            "min_divisor": 12,
            "count_brackets": [{"min": 0, "max": None, "points": "2"}],
            "count_brackets_confirmed": True,
        },
        format="json",
    ).json()
    assert changed["min_divisor"] == 12 and changed["count_brackets_confirmed"] is True
    assert changed["totals"]["count_score_max"] == 2.0
    bad = client.put(
        "/api/v1/cycles/2025/iid-rules/",
        {"bands": [{"category": "inovatif", "min": 50, "max": 40}]},
        format="json",
    )
    assert bad.status_code == 400 and "bands" in bad.json()
    reloaded = client.post("/api/v1/cycles/2025/iid-rules/reload/", {"edition": "2025"}).json()
    assert reloaded["min_divisor"] == 10 and reloaded["count_brackets_confirmed"] is False


def test_indicators_api_add_change_delete(api_as, admin_user, leader):
    cycle_of(2025)
    url = "/api/v1/cycles/2025/iid-indicators/"
    listed = api_as(leader).get(url).json()
    assert {row["part"] for row in listed} == {"region", "innovation"}
    new = {"number": 36, "part": "innovation", "name": "Pendaftaran HAKI inovasi", "weight": "1"}
    assert api_as(leader).post(url, new, format="json").status_code == 403
    client = api_as(admin_user)
    created = client.post(url, new, format="json")
    assert created.status_code == 201 and created.json()["max_score"] == 3
    patched = client.patch(f"{url}36/", {"weight": "2", "levels_confirmed": True}, format="json")
    assert patched.json()["weight"] == 2 and patched.json()["levels_confirmed"] is True
    moved = client.patch(f"{url}36/", {"part": "region"}, format="json")
    assert moved.status_code == 400
    assert api_as(leader).get(f"{url}36/").json()["name"] == "Pendaftaran HAKI inovasi"
    assert client.delete(f"{url}36/").status_code == 204
    assert client.get(f"{url}36/").status_code == 404


def test_region_levels_need_a_region_indicator_of_the_cycle(admin_user):
    from iga.services import region_indicator_save
    from intan_banjar.exceptions import InvalidInput

    cycle = cycle_of(2025)
    with pytest.raises(InvalidInput):
        region_indicator_save(cycle=cycle, number=33, level=1, by=admin_user)
    with pytest.raises(InvalidInput):
        region_indicator_save(cycle=cycle, number=3, level=7, by=admin_user)
    row = RegionIndicatorFactory(cycle=cycle, number=3, level=1)
    assert row.indicator.part == Part.REGION
