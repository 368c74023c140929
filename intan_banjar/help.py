"""Bantuan: a short guide per role, reachable from every page (the footer's link).

The guides are data, not one template each: every sentence goes through gettext (Indonesian by
default, English available), the pages list them the same way, and a new role adds one entry.
The guide of the signed-in user's role comes first (a lead curator's before the curators'), so
the link in the footer answers "what do I do here?" without choosing. Guides are open to anyone,
signed in or not: they describe the portal, they hold no data.
"""

from dataclasses import dataclass

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.enums import Role


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    audience: str
    sections: tuple  # ((heading, (step, ...)), ...)
    links: tuple = ()  # ((url name, label), ...), shown to people signed in

    def link_urls(self):
        return [(reverse(name), label) for name, label in self.links]


OPERATOR = Guide(
    slug="operator",
    title=_("Guide for operators"),
    audience=_("Staff of an agency, district or health centre who enter the unit's innovations."),
    sections=(
        (
            _("Enter an innovation"),
            (
                _("Open Innovations and choose New innovation; the year and your unit are set."),
                _(
                    "Fill in the profile section by section; it follows the national IID form, "
                    "so nothing is typed twice."
                ),
                _(
                    "The design and main changes need at least 300 words before the innovation "
                    "can be submitted; the counter under the field shows how far you are."
                ),
                _("Type NIPs as printed on the ID card; spaces are fine."),
                _("Save as often as you like: a draft is seen only by your unit."),
            ),
        ),
        (
            _("Evidence and Laboratorium Inovasi"),
            (
                _(
                    "Attach evidence on the innovation's page: PDF, JPEG, PNG, XLSX or DOCX, at "
                    "most 10 MB each, with its kind and the IID indicator it supports."
                ),
                _("Record each Laboratorium Inovasi stage when it is reached, with its date."),
            ),
        ),
        (
            _("Submit and answer revisions"),
            (
                _(
                    "Submit when the profile is complete; if the cycle requires it, your head "
                    "approves it first."
                ),
                _(
                    "When a curator asks for a revision, the reason stands at the top of the "
                    "innovation's page: correct the profile and submit again."
                ),
                _("Notifications and e-mails tell you about every decision and deadline."),
            ),
        ),
        (
            _("The agreement"),
            (
                _(
                    "Prepare the unit's Regional Innovation Agreement under Agreements; the head "
                    "signs it."
                ),
            ),
        ),
    ),
    links=(
        ("innovations:list", _("Innovations")),
        ("agreements:list", _("Agreements")),
        ("notifications:list", _("Notifications")),
    ),
)

HEAD = Guide(
    slug="kepala-unit",
    title=_("Guide for unit heads"),
    audience=_("Heads of an agency, district or health centre."),
    sections=(
        (
            _("Sign the agreement"),
            (
                _(
                    "Open Agreements and the year's agreement: the form is filled in with your "
                    "name, NIP and title from the unit's data."
                ),
                _("Correct anything that changed, check the date and choose Sign."),
                _(
                    "Upload the scan of the wet-signed paper if Bappedalitbang asks for it; they "
                    "verify the agreement."
                ),
            ),
        ),
        (
            _("Approve the unit's innovations"),
            (
                _(
                    "Innovations waiting for you are listed on the home page; open one and submit "
                    "it to the curators, or return it to the operator with a note."
                ),
                _("You can do everything an operator does as well."),
            ),
        ),
        (
            _("Follow the commitment"),
            (
                _(
                    "The home page shows how many innovations the unit committed and how many are "
                    "submitted, approved and launched."
                ),
            ),
        ),
    ),
    links=(
        ("agreements:list", _("Agreements")),
        ("innovations:list", _("Innovations")),
    ),
)

CURATOR = Guide(
    slug="kurator",
    title=_("Guide for curators"),
    audience=_("Bappedalitbang staff and invited jurors who review innovations."),
    sections=(
        (
            _("Work the queue"),
            (
                _(
                    "Curation lists the submitted innovations, oldest first; Assigned to me shows "
                    "yours."
                ),
                _("Open one to read the profile, its evidence and what changed since last time."),
            ),
        ),
        (
            _("Review"),
            (
                _(
                    "Score each rubric criterion from 1 to 5, write a comment and recommend "
                    "approve, revise or reject."
                ),
                _("Save & next takes you to the next innovation of your queue."),
                _("Internal comments are seen by curators only, never by the unit."),
            ),
        ),
        (
            _("Ask for a revision"),
            (
                _(
                    "Request a revision with a clear reason: the unit sees it at the top of the "
                    "innovation and on its home page."
                ),
            ),
        ),
    ),
    links=(("curation:queue", _("Curation")),),
)

LEAD_CURATOR = Guide(
    slug="kurator-utama",
    title=_("Guide for lead curators"),
    audience=_("Curators who assign the reviews and take the decisions."),
    sections=(
        (
            _("Assign"),
            (
                _(
                    "Assign curators one by one from an innovation, in bulk from the queue, or "
                    "let the portal spread them evenly with Auto-assign."
                ),
            ),
        ),
        (
            _("Decide"),
            (
                _(
                    "Approve or reject once at least one review is complete; you never decide "
                    "alone on an innovation you entered or are the only reviewer of."
                ),
                _("Publish the decisions when the round is done: each unit is told its results."),
                _("Keep the rubric and the note templates of the year up to date."),
            ),
        ),
    ),
    links=(
        ("curation:queue", _("Curation")),
        ("curation:dashboard", _("Curation dashboard")),
        ("curation:rubric", _("Rubric")),
        ("curation:note_templates", _("Decision note templates")),
    ),
)

ADMIN = Guide(
    slug="admin",
    title=_("Guide for administrators"),
    audience=_("Bappedalitbang administrators who run the programme."),
    sections=(
        (
            _("The year"),
            (
                _(
                    "Set the cycle's dates, the minimum number of innovations per unit and the "
                    "reminder days before each deadline."
                ),
                _("Keep units, their heads and user accounts up to date."),
            ),
        ),
        (
            _("Agreements"),
            (
                _(
                    "Prepare drafts for units, record paper signatures on the head's behalf, "
                    "verify the signed agreements and print them all for the signing ceremony."
                ),
                _("Compliance shows which units meet their commitment, ready to export."),
            ),
        ),
        (
            _("Launch and reports"),
            (
                _(
                    "Create the year's launch event, add the approved innovations and download "
                    "the launch report."
                ),
                _("Check the outbox when an e-mail could not be sent."),
            ),
        ),
    ),
    links=(
        ("agreements:compliance", _("Compliance")),
        ("reports:dashboard", _("Reports")),
        ("notifications:outbox", _("Outbox")),
    ),
)

LEADER = Guide(
    slug="pimpinan",
    title=_("Guide for leaders"),
    audience=_("The Regent, the Regional Secretary and heads who follow progress."),
    sections=(
        (
            _("Follow the region"),
            (
                _(
                    "Reports shows the year's innovations by status, kind of unit and maturity "
                    "for the whole region."
                ),
                _(
                    "Compliance shows, unit by unit, the agreement and whether the commitment is "
                    "met."
                ),
                _("The IGA pages estimate the region's innovation index and what would raise it."),
                _("Everything is read-only: nothing you open can be changed by mistake."),
            ),
        ),
    ),
    links=(
        ("reports:dashboard", _("Reports")),
        ("agreements:compliance", _("Compliance")),
        ("iga:index", _("IGA")),
    ),
)

GUIDES = (OPERATOR, HEAD, CURATOR, LEAD_CURATOR, ADMIN, LEADER)
BY_SLUG = {guide.slug: guide for guide in GUIDES}
ROLE_GUIDES = {
    Role.OPERATOR: OPERATOR,
    Role.HEAD: HEAD,
    Role.CURATOR: CURATOR,
    Role.ADMIN: ADMIN,
    Role.LEADER: LEADER,
}


def guide_for(user):
    """The guide of the user's role; None for anonymous visitors."""
    if not user.is_authenticated:
        return None
    if user.role == Role.CURATOR and user.is_lead:
        return LEAD_CURATOR
    return ROLE_GUIDES.get(user.role)


def guides_in_order(user):
    """Every guide, the user's own first."""
    own = guide_for(user)
    return [guide for guide in GUIDES if guide is own] + [g for g in GUIDES if g is not own]


@login_not_required
@require_safe
def help_index(request):
    own = guide_for(request.user)
    return render(
        request,
        "help/index.html",
        {"own": own, "guides": guides_in_order(request.user)},
    )


@login_not_required
@require_safe
def help_guide(request, slug):
    guide = BY_SLUG.get(slug)
    if guide is None:
        raise Http404
    return render(
        request,
        "help/guide.html",
        {"guide": guide, "own": guide_for(request.user), "guides": guides_in_order(request.user)},
    )
