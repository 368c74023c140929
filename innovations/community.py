"""Community (masyarakat) innovations sent from outside the portal: the public form and the API.

Both call `community_submission_create`, so the rules (honeypot, limits, file checks, the
national form's 300-word design, the cycle's deadline) are the same whichever way an entry
comes in. The entry stays a draft, invisible to curators, until the submitter follows the signed
link in the e-mail; `community_confirm_token` then submits it through the workflow.
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .checks import completeness_errors, deadline_errors, region_today
from .cycles import Cycle
from .enums import AttachmentKind, Initiator, Origin
from .models import Attachment, Innovation
from .services import community_submission_confirm, innovation_create
from .uploads import check_upload, clean_filename

logger = logging.getLogger(__name__)

TOKEN_SALT = "innovations.community-confirm"
# Maximum lengths of what a member of the public may type (the database allows more for some).
LIMITS = {
    "title": 255,
    "summary": 2000,
    "problem": 5000,
    "design": 20000,
    "benefits": 5000,
    "village": 200,
    "name": 200,
    "email": 254,
    "phone": 40,
}
MAX_FILES = 3


class SubmissionsClosed(Exception):
    """No cycle takes community entries today (none yet, not open yet, or past its deadline)."""


def confirm_max_age():
    return datetime.timedelta(days=getattr(settings, "COMMUNITY_CONFIRM_DAYS", 7))


def rate_limit():
    """Accepted submissions per address and hour."""
    return getattr(settings, "COMMUNITY_SUBMISSIONS_PER_HOUR", 5)


def client_ip(request):
    """The peer address; behind a proxy, the proxy must pass it as REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR") or "unknown"


def _rate_key(ip):
    return f"community-submissions:{ip}"


def rate_limit_exceeded(ip):
    return (cache.get(_rate_key(ip)) or 0) >= rate_limit()


def rate_limit_count(ip):
    """Count one submission of `ip`; the window starts with the first one of the hour."""
    key = _rate_key(ip)
    if not cache.add(key, 1, timeout=3600):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=3600)


def accepted_message():
    return _(
        "Thank you. We sent you an e-mail with a confirmation link: your innovation reaches "
        "the curators once you follow it."
    )


def open_cycle(today=None):
    """The cycle taking community entries today; `SubmissionsClosed` when there is none."""
    today = today or region_today()
    cycle = Cycle.objects.current(today)
    if cycle is None or cycle.submission_opens > today:
        raise SubmissionsClosed(_("Community submissions are not open at the moment."))
    probe = Innovation(cycle=cycle, unit=None)
    if deadline_errors(probe, today):
        raise SubmissionsClosed(
            _("The submission period of %(year)s has closed.") % {"year": cycle.year}
        )
    return cycle


def _file_errors(files):
    if len(files) > MAX_FILES:
        return [_("Attach at most %(count)d files.") % {"count": MAX_FILES}]
    errors = []
    for file in files:
        try:
            check_upload(file)
        except ValidationError as exc:
            name = clean_filename(getattr(file, "name", ""))
            errors += [f"{name}: {message}" for message in exc.message_dict.get("file", [])]
    return errors


@transaction.atomic
def community_submission_create(
    *,
    title,
    summary,
    problem,
    design,
    benefits,
    village,
    name,
    email,
    phone,
    files=(),
    honeypot="",
):
    """A draft community entry and its confirmation e-mail; None when the honeypot was filled.

    Everything is checked before anything is stored: a refused file or a short design text
    leaves no innovation and no file behind.
    """
    if (honeypot or "").strip():
        logger.info("Community submission dropped: honeypot filled.")
        return None
    cycle = open_cycle()
    files = list(files or [])
    profile = {
        "title": title.strip(),
        "summary": summary.strip(),
        "problem": problem.strip(),
        "design": design.strip(),
        "benefits": benefits.strip(),
    }
    errors = completeness_errors(Innovation(cycle=cycle, unit=None, **profile))
    if not (email or "").strip():
        errors["email"] = [_("We need your e-mail address to confirm the submission.")]
    file_errors = _file_errors(files)
    if file_errors:
        errors["attachments"] = file_errors
    if errors:
        raise ValidationError(errors)

    innovation = innovation_create(
        by=None,
        cycle=cycle,
        origin=Origin.MASYARAKAT,
        initiator=Initiator.MASYARAKAT,
        community_submitter={"name": name, "email": email, "phone": phone, "village": village},
        **profile,
    )
    stored = []
    try:
        for file in files:
            stored.append(_store_attachment(innovation, file))
    except Exception:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    language = translation.get_language()
    transaction.on_commit(lambda: _send_confirmation(innovation.pk, language), robust=True)
    return innovation


def _store_attachment(innovation, file):
    """Like `services.attachment_add`, for a submitter who has no account (checked above)."""
    attachment = Attachment(
        innovation=innovation,
        kind=AttachmentKind.OTHER,
        filename=clean_filename(getattr(file, "name", "")),
        size=file.size,
        content_type=check_upload(file),
        uploaded_by=None,
    )
    attachment.file.save(attachment.filename, file, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def confirmation_token(innovation):
    return signing.dumps({"i": innovation.pk}, salt=TOKEN_SALT)


def confirmation_url(innovation):
    path = reverse("katalog:confirm", kwargs={"token": confirmation_token(innovation)})
    return settings.SITE_URL.rstrip("/") + path


def _send_confirmation(innovation_id, language):
    innovation = Innovation.objects.select_related("community_submitter", "cycle").get(
        pk=innovation_id
    )
    submitter = innovation.community_submitter
    with translation.override(language):
        context = {
            "innovation": innovation,
            "submitter": submitter,
            "link": confirmation_url(innovation),
            "days": confirm_max_age().days,
        }
        subject = render_to_string("emails/community_confirm_subject.txt", context).strip()
        message = EmailMultiAlternatives(
            subject=" ".join(subject.split()),
            body=render_to_string("emails/community_confirm.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[submitter.email],
        )
        message.attach_alternative(
            render_to_string("emails/community_confirm.html", context), "text/html"
        )
        message.send()


class InvalidToken(Exception):
    """The link is forged, damaged, expired, or its entry no longer exists."""


def community_confirm_token(*, token):
    """Follow a confirmation link: the entry is submitted (idempotent for a second click).

    Raises `InvalidToken`; the workflow's own errors (deadline passed, entry withdrawn) pass
    through for the page to explain.
    """
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=confirm_max_age())
        innovation = Innovation.objects.select_related("cycle").get(
            pk=payload["i"], unit__isnull=True
        )
    except signing.SignatureExpired as exc:
        raise InvalidToken(_("This confirmation link has expired.")) from exc
    except (signing.BadSignature, KeyError, TypeError, Innovation.DoesNotExist) as exc:
        raise InvalidToken(_("This confirmation link is not valid.")) from exc
    return community_submission_confirm(innovation=innovation)
