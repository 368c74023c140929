"""The public community form and API: honeypot, rate limit, file checks, e-mail confirmation."""

import datetime
import re

import pytest
import time_machine
from django.core import mail, signing
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from innovations import community
from innovations.enums import Action, Initiator, Origin, SourceCategory, Status
from innovations.models import Attachment, CommunitySubmitter, Innovation, TransitionLog

from .factories import PDF_BYTES, design_text, open_cycle

pytestmark = pytest.mark.django_db

SUBMIT = "/katalog/submit/"
API = "/api/v1/public/submissions/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def form_data(**overrides):
    data = {
        "title": "Sasirangan Eco Print Desa Belangian",
        "summary": "Kain sasirangan dengan pewarna daun dan kulit kayu setempat.",
        "problem": "Pewarna sintetis mencemari sungai desa.",
        "design": design_text(310),
        "benefits": "Sungai lebih bersih dan penghasilan pengrajin naik.",
        "village": "Desa Belangian, Aranio",
        "name": "Kelompok Pengrajin Belangian",
        "email": "pengrajin@warga.example",
        "phone": "081355512345",
        "website": "",
    }
    return {**data, **overrides}


def _link(message):
    match = re.search(r"https?://[^/\s]+(/katalog/submit/confirm/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def cycle(db):
    return open_cycle()


def test_community_form_get_anonymous(client, cycle):
    response = client.get(SUBMIT)
    assert response.status_code == 200
    body = response.content.decode()
    for name in ("title", "summary", "problem", "design", "benefits", "village", "name", "email"):
        assert f'name="{name}"' in body
    assert 'name="website"' in body


def test_community_form_happy_path_then_confirm(client, cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBMIT, form_data())
    assert response.status_code == 302 and response["Location"] == reverse("katalog:submit_sent")
    innovation = Innovation.objects.get()
    assert innovation.status == Status.DRAFT
    assert innovation.unit is None and innovation.cycle == cycle
    assert innovation.source_category == SourceCategory.MASYARAKAT
    assert innovation.origin == Origin.MASYARAKAT and innovation.initiator == Initiator.MASYARAKAT
    submitter = innovation.community_submitter
    assert submitter.email == "pengrajin@warga.example" and submitter.email_confirmed_at is None
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pengrajin@warga.example"]
    assert innovation.code in message.body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_link(message))
    assert response.status_code == 200
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED
    log = TransitionLog.objects.get(innovation=innovation)
    assert (log.action, log.from_status, log.to_status) == (
        Action.SUBMIT,
        Status.DRAFT,
        Status.SUBMITTED,
    )
    assert CommunitySubmitter.objects.get(pk=submitter.pk).email_confirmed_at is not None
    # A second click changes nothing.
    assert client.post(_link(message)).status_code == 200
    assert client.get(_link(message)).status_code == 200
    assert TransitionLog.objects.filter(innovation=innovation).count() == 1


def test_community_entry_invisible_to_curators_until_confirmed(
    client, cycle, curator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data())
    assert not Innovation.objects.visible_to(curator).exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_link(mail.outbox[0]))
    assert Innovation.objects.visible_to(curator).count() == 1


def test_community_form_honeypot_creates_nothing(client, cycle):
    response = client.post(SUBMIT, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Innovation.objects.exists()
    assert mail.outbox == []


def test_community_form_rate_limit_429(client, cycle, settings):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 2
    for _ in range(2):
        assert client.post(SUBMIT, form_data()).status_code == 302
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 429
    assert Innovation.objects.count() == 2
    # Another address is not affected.
    assert client.post(SUBMIT, form_data(), REMOTE_ADDR="10.9.8.7").status_code == 302


def test_community_form_rate_limit_resets_after_an_hour(client, cycle, settings):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 1
    assert client.post(SUBMIT, form_data()).status_code == 302
    assert client.post(SUBMIT, form_data()).status_code == 429
    cache.delete(community._rate_key("127.0.0.1"))  # what the hour's timeout does
    assert client.post(SUBMIT, form_data()).status_code == 302


def test_community_form_bad_file_refused_fields_kept(client, cycle):
    fake = SimpleUploadedFile("proposal.pdf", b"MZ\x90\x00\x03 not a pdf", "application/pdf")
    response = client.post(SUBMIT, {**form_data(), "attachments": [fake]})
    assert response.status_code == 200
    body = response.content.decode()
    assert "proposal.pdf" in body  # the message names the refused file
    assert 'value="Sasirangan Eco Print Desa Belangian"' in body
    assert "pengrajin@warga.example" in body
    assert not Innovation.objects.exists() and not Attachment.objects.exists()
    assert mail.outbox == []


def test_community_form_good_file_stored_privately(client, cycle):
    pdf = SimpleUploadedFile("profil.pdf", PDF_BYTES, "application/pdf")
    assert client.post(SUBMIT, {**form_data(), "attachments": [pdf]}).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "application/pdf" and attachment.filename == "profil.pdf"
    assert attachment.uploaded_by is None
    assert "profil" not in attachment.file.name


def test_community_form_too_many_files_refused(client, cycle):
    files = [SimpleUploadedFile(f"f{n}.pdf", PDF_BYTES, "application/pdf") for n in range(4)]
    response = client.post(SUBMIT, {**form_data(), "attachments": files})
    assert response.status_code == 200
    assert not Innovation.objects.exists()


def test_community_form_oversized_file_refused(client, cycle, settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    pdf = SimpleUploadedFile("besar.pdf", PDF_BYTES + b"0" * 200, "application/pdf")
    response = client.post(SUBMIT, {**form_data(), "attachments": [pdf]})
    assert response.status_code == 200
    assert "besar.pdf" in response.content.decode()
    assert not Innovation.objects.exists()


def test_community_form_short_design_refused(client, cycle):
    response = client.post(SUBMIT, form_data(design="Terlalu pendek."))
    assert response.status_code == 200
    assert "300" in response.content.decode()
    assert not Innovation.objects.exists()


def test_community_form_missing_fields_refused(client, cycle):
    response = client.post(SUBMIT, form_data(title="", email="bukan-email"))
    assert response.status_code == 200
    assert response.context["form"].errors.keys() >= {"title", "email"}
    assert not Innovation.objects.exists()


def test_community_form_closed_after_deadline(client, db):
    today = datetime.date.today()
    open_cycle(
        submission_opens=today - datetime.timedelta(days=100),
        submission_deadline=today - datetime.timedelta(days=10),
        curation_deadline=today + datetime.timedelta(days=10),
    )
    response = client.post(SUBMIT, form_data())
    assert response.status_code == 200
    assert response.context["closed"]
    assert not Innovation.objects.exists()


def test_community_confirm_expired_token_refused(client, cycle, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUBMIT, form_data())
    link = _link(mail.outbox[0])
    with time_machine.travel(datetime.datetime.now() + datetime.timedelta(days=8)):
        assert client.get(link).status_code == 400
        response = client.post(link)
    assert response.status_code == 400
    assert Innovation.objects.get().status == Status.DRAFT


FORGED_TOKENS = {
    "not-a-token": lambda: "bukan-token",
    "other-salt": lambda: signing.dumps({"i": 1}, salt="another-salt"),
    "tampered": lambda: signing.dumps({"i": 1}, salt=community.TOKEN_SALT) + "x",
}


# Tokens are made inside the test: ids computed at collection time would differ between
# pytest-xdist workers (a signature carries a timestamp).
@pytest.mark.parametrize("forgery", sorted(FORGED_TOKENS))
def test_community_confirm_forged_token_refused(client, cycle, forgery):
    token = FORGED_TOKENS[forgery]()
    client.post(SUBMIT, form_data())
    assert client.get(f"/katalog/submit/confirm/{token}/").status_code == 400
    assert client.post(f"/katalog/submit/confirm/{token}/").status_code == 400
    assert not Innovation.objects.exclude(status=Status.DRAFT).exists()


def test_community_confirm_token_for_unit_innovation_refused(client, cycle, unit):
    from .factories import InnovationFactory

    innovation = InnovationFactory(cycle=cycle, unit=unit)
    token = signing.dumps({"i": innovation.pk}, salt=community.TOKEN_SALT)
    assert client.post(f"/katalog/submit/confirm/{token}/").status_code == 400
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_public_api_submission_202_then_confirm(
    api_client, cycle, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(API, form_data(), format="json")
    assert response.status_code == 202
    assert set(response.data) == {"detail"}
    innovation = Innovation.objects.get()
    assert innovation.status == Status.DRAFT and innovation.unit is None
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client.post(_link(mail.outbox[0])).status_code == 200
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


def test_public_api_submission_multipart_with_file(api_client, cycle):
    pdf = SimpleUploadedFile("profil.pdf", PDF_BYTES, "application/pdf")
    response = api_client.post(API, {**form_data(), "attachments": [pdf]}, format="multipart")
    assert response.status_code == 202
    assert Attachment.objects.get().filename == "profil.pdf"


@pytest.mark.parametrize("missing", ["title", "design", "email", "name", "village", "phone"])
def test_public_api_submission_400_on_missing_field(api_client, cycle, missing):
    data = form_data()
    data.pop(missing)
    response = api_client.post(API, data, format="json")
    assert response.status_code == 400
    assert missing in response.data
    assert not Innovation.objects.exists()


def test_public_api_submission_400_on_short_design(api_client, cycle):
    response = api_client.post(API, form_data(design="pendek"), format="json")
    assert response.status_code == 400 and "design" in response.data


def test_public_api_submission_bad_file_400(api_client, cycle):
    fake = SimpleUploadedFile("gambar.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = api_client.post(API, {**form_data(), "attachments": [fake]}, format="multipart")
    assert response.status_code == 400 and "attachments" in response.data
    assert not Innovation.objects.exists() and not Attachment.objects.exists()


def test_public_api_submission_honeypot_202_nothing_created(api_client, cycle):
    response = api_client.post(API, form_data(website="spam"), format="json")
    assert response.status_code == 202
    assert not Innovation.objects.exists() and mail.outbox == []


def test_public_api_submission_rate_limit_429(api_client, cycle, settings):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 1
    assert api_client.post(API, form_data(), format="json").status_code == 202
    assert api_client.post(API, form_data(), format="json").status_code == 429
    assert Innovation.objects.count() == 1


def test_public_api_submission_ignores_credentials(api_as, cycle, operator):
    """A signed-in user posting here still makes a community entry, never one of their unit."""
    response = api_as(operator).post(API, form_data(), format="json")
    assert response.status_code == 202
    innovation = Innovation.objects.get()
    assert innovation.unit is None and innovation.created_by is None
