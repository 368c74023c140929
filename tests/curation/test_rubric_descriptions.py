"""What scores 1, 3 and 5 mean, per criterion (issue 16): kept with the rubric, shown to reviewers;
"lowest score first" lists the weakest scored innovations, unscored ones last."""

import pytest
from django.urls import reverse

from curation.rubric import DEFAULT_RUBRIC
from curation.services import rubric_replace

from .factories import AssignmentFactory, QueuedInnovationFactory, ReviewFactory, scores

pytestmark = pytest.mark.django_db

RUBRIC_API = "/api/v1/cycles/{year}/criteria/"


def _rows(**descriptions):
    return [
        {"code": "mutu", "name": "Mutu", "weight": 60, **descriptions},
        {"code": "dampak", "name": "Dampak", "weight": 40},
    ]


def test_a_new_cycle_gets_the_default_descriptions(cycle):
    criterion = cycle.criteria.get(code="kebaruan")

    expected = next(row for row in DEFAULT_RUBRIC if row["code"] == "kebaruan")
    assert criterion.descriptions() == [
        (1, expected["description_1"]),
        (3, expected["description_3"]),
        (5, expected["description_5"]),
    ]


def test_rubric_replace_keeps_the_descriptions(cycle, admin_user):
    rubric_replace(
        cycle=cycle,
        criteria=_rows(description_1="Buruk", description_5="  Sangat baik  "),
        by=admin_user,
    )

    mutu, dampak = cycle.criteria.order_by("order")
    assert mutu.descriptions() == [(1, "Buruk"), (5, "Sangat baik")]
    assert dampak.descriptions() == []


def test_api_reads_and_writes_the_descriptions(api_as, admin_user, curator, cycle):
    url = RUBRIC_API.format(year=cycle.year)
    response = api_as(admin_user).put(url, _rows(description_3="Cukup"), format="json")

    assert response.status_code == 200, response.json()
    read = api_as(curator).get(url).json()
    assert read[0]["description_3"] == "Cukup"
    assert read[1]["description_1"] == ""


def test_review_form_shows_what_the_scores_mean(client, curator, admin_user, queued, cycle):
    rubric_replace(
        cycle=cycle,
        criteria=_rows(description_1="Tidak ada bukti", description_5="Bukti lengkap"),
        by=admin_user,
    )
    client.force_login(curator)

    page = client.get(reverse("curation:review", args=[queued.pk])).content.decode()

    block = page[page.index('data-criterion="mutu"') :]
    block = block[: block.index("</fieldset>")]
    assert "Tidak ada bukti" in block and "Bukti lengkap" in block
    assert 'data-criterion="dampak"' in page


def test_rubric_page_edits_the_descriptions(client, admin_user, cycle):
    client.force_login(admin_user)
    data = {
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(_rows(description_3="Sedang")):
        for key, value in row.items():
            data[f"criteria-{index}-{key}"] = value

    response = client.post(f"{reverse('curation:rubric')}?year={cycle.year}", data)

    assert response.status_code == 302
    assert cycle.criteria.get(code="mutu").description_3 == "Sedang"
    assert "Sedang" in client.get(response["Location"]).content.decode()


def test_lowest_score_first_puts_unscored_last(client, curator, cycle):
    low = QueuedInnovationFactory(cycle=cycle, title="Nilai Rendah", waiting_days=2)
    high = QueuedInnovationFactory(cycle=cycle, title="Nilai Tinggi", waiting_days=2)
    unscored = QueuedInnovationFactory(cycle=cycle, title="Belum Dinilai", waiting_days=9)
    for innovation, value in ((low, 2), (high, 5)):
        AssignmentFactory(innovation=innovation, curator=curator)
        ReviewFactory(innovation=innovation, curator=curator, scores=scores(value))
    client.force_login(curator)

    page = client.get(reverse("curation:queue"), {"ordering": "-score"}).content.decode()

    positions = [page.index(f'id="queue-{i.pk}"') for i in (low, high, unscored)]
    assert positions == sorted(positions)
