"""E-mail content: one template trio per kind, rendered in the recipient's language.

Templates live in templates/notifications/email/: `<kind>_subject.txt`, `<kind>.txt` and
`<kind>.html`. Adding a kind means adding these three files.
"""

from dataclasses import dataclass

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation

TEMPLATE_DIR = "notifications/email"


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def absolute_url(path):
    return settings.SITE_URL.rstrip("/") + path


def portal_url(url_name, *args):
    """Absolute link to a named page (a name that is not routed raises NoReverseMatch)."""
    return absolute_url(reverse(url_name, args=args))


def innovation_url(innovation_id):
    return portal_url("innovations:detail", innovation_id)


def language_for(recipient):
    """The recipient's chosen language if the account has one; Indonesian otherwise."""
    return getattr(recipient, "language", "") or settings.LANGUAGE_CODE


def render_plain(template_name, context):
    """A plain-text template without HTML autoescaping: a subject or text body shows "A & B",
    never "A &amp; B" (the HTML part keeps Django's escaping)."""
    template = get_template(template_name).template
    return template.render(Context(context, autoescape=False))


def render_message(kind, context, *, language):
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_plain(f"{TEMPLATE_DIR}/{kind}_subject.txt", context)
        text = render_plain(f"{TEMPLATE_DIR}/{kind}.txt", context)
        html = render_to_string(f"{TEMPLATE_DIR}/{kind}.html", context)
    # A subject is one line whatever the template's whitespace.
    subject = " ".join(subject.split())[:255]
    return Rendered(subject=subject, text=text.strip() + "\n", html=html)
