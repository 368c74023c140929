"""E-mail content: one template trio per kind, rendered in the recipient's language.

Templates live in templates/notifications/email/: `<kind>_subject.txt`, `<kind>.txt` and
`<kind>.html`. Adding a kind means adding these three files.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

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


def site_path(link):
    """`link` as a path on the site the reader is on, when it points into the portal.

    Rows store the absolute link an e-mail needs (built from SITE_URL); a page of the portal
    links by path, so a reader on another host name of the same portal (an intranet address, a
    staging copy) stays there. Links elsewhere are kept whole.
    """
    site, target = urlsplit(settings.SITE_URL), urlsplit(link or "")
    if not link or (target.scheme, target.netloc) != (site.scheme, site.netloc):
        return link
    return urlunsplit(("", "", target.path or "/", target.query, target.fragment))


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
