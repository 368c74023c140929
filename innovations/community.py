"""Community (masyarakat) innovations sent from outside the portal: the public form and the API.

Both call `community_submission_create`, so the rules (honeypot, limits, file checks, the
national form's 300-word design, the cycle's deadline) are the same whichever way an entry
comes in. The entry stays a draft, invisible to curators, until the submitter opens the signed
link in the e-mail and presses the button there; `community_confirm_token` then submits it
through the workflow. The e-mail is an outbox row like every other (queued through the
`community_confirmation_requested` signal in the entry's transaction), and the submitter can ask
for it again (`community_confirmation_resend`).
"""

import datetime
import hashlib
import logging
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from intan_banjar.exceptions import InvalidInput

from .checks import completeness_errors, deadline_errors, region_today
from .cycles import Cycle
from .enums import AttachmentKind, Initiator, Origin, Status
from .models import Attachment, Innovation
from .services import community_submission_confirm, innovation_create
from .signals import community_confirmation_requested
from .uploads import check_upload, clean_filename, save_with_file, upload_name

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
# A resend covers at most this many unconfirmed entries of one address (the newest).
RESEND_MAX_ENTRIES = 5
HOUR = 3600


class SubmissionsClosed(InvalidInput):
    """No cycle takes community entries today (none yet, not open yet, or past its deadline).

    A message tied to no field: the API answers 400 `{"detail": [message]}`, the form shows it
    instead of its fields."""


def confirm_max_age():
    return datetime.timedelta(days=getattr(settings, "COMMUNITY_CONFIRM_DAYS", 7))


def rate_limit():
    """Accepted submissions per client address and hour."""
    return getattr(settings, "COMMUNITY_SUBMISSIONS_PER_HOUR", 5)


def resend_limit():
    """Confirmation resends per hour, counted per client address and per e-mail address."""
    return getattr(settings, "COMMUNITY_RESENDS_PER_HOUR", 3)


# The counters live in the cache. With the cache down, `get` misses and `add`/`incr` do nothing:
# the limits then fail open (entries are accepted) rather than turning the form into an error.


def _hits(key):
    return cache.get(key) or 0


def _hit(key):
    """Count one event; the window starts with the first one of the hour."""
    if not cache.add(key, 1, timeout=HOUR):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=HOUR)


def _rate_key(ip):
    # `ip` comes from intan_banjar.client_ip.client_ip: behind the proxy, the trusted
    # X-Forwarded-For entry, so visitors sharing the proxy do not share a bucket.
    return f"community-submissions:{ip or 'unknown'}"


def rate_limit_exceeded(ip):
    return _hits(_rate_key(ip)) >= rate_limit()


def rate_limit_count(ip):
    _hit(_rate_key(ip))


def _resend_keys(ip, email):
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    return [f"community-resend:ip:{ip or 'unknown'}", f"community-resend:email:{digest}"]


def resend_limit_exceeded(*, ip, email):
    return any(_hits(key) >= resend_limit() for key in _resend_keys(ip, email))


def resend_limit_count(*, ip, email):
    for key in _resend_keys(ip, email):
        _hit(key)


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
        raise InvalidInput(errors)

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
    _confirmation_request(innovation, occurrence="submitted")
    return innovation


def _store_attachment(innovation, file):
    """`evidence_services.attachment_add` for a submitter without an account (checked above)."""
    content_type = check_upload(file)
    attachment = Attachment(
        innovation=innovation,
        kind=AttachmentKind.OTHER,
        filename=upload_name(file, content_type),
        size=file.size,
        content_type=content_type,
        uploaded_by=None,
    )
    return save_with_file(attachment, attachment.file, attachment.filename, file)


def confirmation_token(innovation):
    return signing.dumps({"i": innovation.pk}, salt=TOKEN_SALT)


def confirmation_url(innovation):
    path = reverse("katalog:confirm", kwargs={"token": confirmation_token(innovation)})
    return settings.SITE_URL.rstrip("/") + path


def _confirmation_request(innovation, *, occurrence):
    """Queue the confirmation e-mail in the caller's transaction (the outbox row commits with
    the entry, and the link it holds is signed now: valid for `confirm_max_age` from here)."""
    community_confirmation_requested.send(
        sender=Innovation,
        innovation_id=innovation.pk,
        link=confirmation_url(innovation),
        occurrence=occurrence,
        days=confirm_max_age().days,
    )


def resent_message():
    return _(
        "If this address has submissions waiting for confirmation, we sent it a new "
        "confirmation link. Check your e-mail, including the spam folder."
    )


@transaction.atomic
def community_confirmation_resend(*, email):
    """A new confirmation e-mail for each unconfirmed entry of `email` that can still be
    confirmed (a draft of the cycle taking entries today). Returns how many were queued; callers
    must answer the same whatever the number, or the form would tell who submitted what.
    """
    email = (email or "").strip()
    if not email:
        return 0
    try:
        cycle = open_cycle()
    except SubmissionsClosed:
        return 0
    entries = list(
        Innovation.objects.filter(
            cycle=cycle,
            unit__isnull=True,
            status=Status.DRAFT,
            community_submitter__email__iexact=email,
            community_submitter__email_confirmed_at__isnull=True,
        ).order_by("-created_at", "-id")[:RESEND_MAX_ENTRIES]
    )
    occurrence = f"resend-{uuid.uuid4().hex}"
    for innovation in entries:
        _confirmation_request(innovation, occurrence=occurrence)
    return len(entries)


class InvalidToken(InvalidInput):
    """The link is forged, damaged, expired, or its entry no longer exists (400)."""


def confirmation_entry(token):
    """The community entry a confirmation link points at; reading it changes nothing.

    Raises `InvalidToken` for a forged, damaged or expired link, or an entry that is gone.
    """
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=confirm_max_age())
        return Innovation.objects.select_related("cycle", "community_submitter").get(
            pk=payload["i"], unit__isnull=True
        )
    except signing.SignatureExpired as exc:
        raise InvalidToken(_("This confirmation link has expired.")) from exc
    except (signing.BadSignature, KeyError, TypeError, Innovation.DoesNotExist) as exc:
        raise InvalidToken(_("This confirmation link is not valid.")) from exc


def community_confirm_token(*, token):
    """Confirm through a link (the POST of its page): the entry is submitted (idempotent).

    Raises `InvalidToken`; the workflow's own errors (deadline passed, entry withdrawn) pass
    through for the page to explain.
    """
    return community_submission_confirm(innovation=confirmation_entry(token))
