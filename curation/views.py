"""Curation pages: the queue, the review form with decisions, bulk actions and the dashboard.

Thin: reads come from `curation.queue` / `curation.dashboard`, writes from `curation.services`
and the innovations workflow. Unit staff get 404 on every page about one innovation.
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accounts.enums import Role
from innovations.cycles import cycle_for_page, cycle_years
from innovations.enums import Action, Status
from innovations.held import HELD_ACTIONS, shown_held_decision
from innovations.models import Innovation
from innovations.publishing import decisions_publish, held_count
from innovations.rules import may_publish_decisions
from innovations.services import innovation_transition
from innovations.similarity import similar_to
from innovations.versions import profile_diff
from innovations.workflow import TRANSITIONS, allowed_actions, done_message
from intan_banjar.links import row_url
from intan_banjar.pages import attempt
from intan_banjar.prepared_reads import PreparedRows

from . import services
from .dashboard import dashboard as dashboard_data
from .forms import CommentForm, DecisionForm, ReviewForm
from .note_templates import note_templates_for
from .queue import (
    days_since,
    days_waiting,
    next_for,
    progress_for,
    with_curators,
)
from .queue_pages import kept_block_keys, queue_rows
from .rules import (
    hides_curation,
    is_curation_staff,
    may_assign,
    may_decide,
    may_review,
)

PAGE_SIZE = 50
# Decisions offered on the pages, in the order of the work, each with whether the workflow's
# rule for it asks for a note (a revision request, a rejection).
DECISIONS = [(action, TRANSITIONS[action].needs_note) for action in services.DECISION_ACTIONS]


def require_staff(user):
    if not is_curation_staff(user):
        raise PermissionDenied


def _innovation_for(request, pk):
    """The innovation if this user may work on it: 404 for units (and the invisible)."""
    if hides_curation(request.user):
        raise Http404
    require_staff(request.user)
    return get_object_or_404(Innovation.objects.visible_to(request.user).for_list(), pk=pk)


def innovation_link(pk):
    """The innovation's own page."""
    return reverse("innovations:detail", args=[pk])


def _attachments(innovation):
    """Evidence with its permission-checked download link (the innovations API serves it)."""
    rows = list(innovation.attachments.all())
    for row in rows:
        row.url = reverse(
            "innovations-api:innovation-attachment-download", args=[innovation.pk, row.pk]
        )
    return rows


def _profile_texts(innovation):
    return [
        (Innovation._meta.get_field(name).verbose_name, getattr(innovation, name))
        for name in ("summary", "problem", "design", "goals", "benefits", "results")
    ]


def _decision_buttons(innovation, user, held=None):
    """The decisions this user may take now, each with the team's note templates for it.

    Where a decision is `held` for publication, approving or rejecting replaces it: the buttons
    say so, so that a second decider changes it knowingly.
    """
    allowed = set(allowed_actions(innovation, user))
    templates = note_templates_for(user) if allowed else {}
    return [
        {
            "action": action.value,
            "label": (
                _("Change the held decision to “%(decision)s”") % {"decision": action.label}
                if held is not None and action in HELD_ACTIONS
                else action.label
            ),
            "changes_held": held is not None and action in HELD_ACTIONS,
            "needs_note": needs_note,
            "templates": templates.get(action.value, []),
        }
        for action, needs_note in DECISIONS
        if action in allowed
    ]


def _curators():
    return (
        get_user_model()
        .objects.filter(role=Role.CURATOR, is_active=True)
        .order_by("full_name")
        .values_list("email", "full_name")
    )


_CURATORS = PreparedRows(get_user_model(), _curators)


def curator_choices():
    """(email, "name (email)") of every active curator, for the assignment pick lists."""
    return [(email, f"{name} ({email})") for email, name in _CURATORS.rows()]


@require_safe
def queue(request):
    require_staff(request.user)
    cycle, status = cycle_for_page(request, required=False)
    context = {"cycle": cycle, "cycle_years": cycle_years()}
    if cycle is None:
        return render(request, "curation/queue.html", {**context, "page": None}, status=status)
    filterset, rows = queue_rows(request.GET, user=request.user, cycle=cycle, request=request)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = with_curators(page.object_list)
    today, zone = timezone.localdate(), timezone.get_current_timezone()
    review_url = row_url("curation:review")
    for row in page.object_list:
        row["days_waiting"] = days_since(row["submitted_at"], today, zone)
        row["review_url"] = review_url(row["id"])
    done, assigned = progress_for(request.user, cycle=cycle)
    can_assign = may_assign(request.user)
    context.update(
        page=page,
        filter=filterset,
        assigned_me=request.GET.get("assigned") == "me",
        progress_done=done,
        progress_assigned=assigned,
        can_assign=bool(can_assign),
        curators=curator_choices() if can_assign else [],
        decisions=[
            {"action": a.value, "label": a.label, "needs_note": n}
            for a, n in DECISIONS
            if a in (Action.START_REVIEW, Action.REQUEST_REVISION) or may_decide(request.user)
        ],
        overdue_days=cycle.review_overdue_days,
        held_count=held_count(cycle) if may_publish_decisions(request.user) else 0,
    )
    context.update(kept_block_keys(request.GET, page, context["decisions"]))
    return render(request, "curation/queue.html", context, status=status)


@require_POST
def publish(request):
    """Publish the held decisions of the cycle of `?year=` (lead curators and admins)."""
    require_staff(request.user)
    if not may_publish_decisions(request.user):
        raise PermissionDenied
    cycle, status = cycle_for_page(request)
    back = f"{reverse('curation:queue')}?year={cycle.year}"
    if status != 200:
        return redirect(back)
    result = attempt(request, lambda: decisions_publish(cycle=cycle, by=request.user))
    if not result.failed:
        published = result.value
        messages.success(
            request,
            _("%(count)s decisions of %(year)s are published; each unit is told its results.")
            % {"count": len(published.published), "year": cycle.year},
        )
        for innovation, reason in published.refused:
            messages.error(request, f"{innovation.code}: {reason}")
    return redirect(back)


def review(request, pk):
    innovation = _innovation_for(request, pk)
    cycle = innovation.cycle
    criteria = list(cycle.criteria.order_by("order", "id"))
    can_review = bool(may_review(request.user, innovation)) and (
        innovation.status in (Status.SUBMITTED, Status.IN_REVIEW)
    )
    reviews = list(innovation.reviews.select_related("curator").order_by("-round", "created_at"))
    names = {c.code: c.name for c in criteria}
    for r in reviews:  # scores by the criterion's name, not its code
        r.score_rows = [(names.get(code, code), value) for code, value in r.scores.items()]
    own = next(
        (
            r
            for r in reviews
            if r.curator_id == request.user.pk and r.round == innovation.review_round
        ),
        None,
    )
    form = ReviewForm(criteria=criteria, initial=ReviewForm.initial_from(own))
    status = 200
    if request.method == "POST":
        if not may_review(request.user, innovation):
            raise PermissionDenied
        # A reviewer, but the status no longer takes reviews: the page says why, as on a GET (409).
        status = 200 if can_review else 409
        form = ReviewForm(request.POST, criteria=criteria)
        if can_review and form.is_valid():
            result = attempt(
                request,
                lambda: services.review_save(
                    innovation=innovation,
                    by=request.user,
                    scores=form.scores(),
                    comment=form.cleaned_data["comment"],
                    recommendation=form.cleaned_data["recommendation"],
                ),
                quiet=True,
                catch_refusal=False,
            )
            if result.failed:
                if result.status == 409:  # the status changed since the page was read
                    status = 409
                # On the form as a whole: the scores are one field per criterion on the page.
                for message in result.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your review is saved."))
                if "next" in request.POST:
                    following = next_for(request.user, cycle=cycle, after=innovation)
                    if following is None:
                        messages.info(request, _("Nothing else is waiting for your review."))
                        return redirect("curation:queue")
                    return redirect("curation:review", pk=following.pk)
                return redirect("curation:review", pk=innovation.pk)
    current = [r for r in reviews if r.round == innovation.review_round]
    held = shown_held_decision(innovation, request.user)
    context = {
        "innovation": innovation,
        "innovation_url": innovation_link(innovation.pk),
        "criteria": criteria,
        "form": form,
        "can_review": can_review,
        "own_review": own,
        "current_reviews": current,
        "earlier_reviews": [r for r in reviews if r.round != innovation.review_round],
        "changes": profile_diff(innovation),
        "profile_texts": _profile_texts(innovation),
        "attachments": _attachments(innovation),
        "similar": similar_to(innovation, user=request.user),
        "comments": innovation.internal_comments.select_related("author"),
        "comment_form": CommentForm(),
        "held": held,
        "decisions": _decision_buttons(innovation, request.user, held),
        "days_waiting": days_waiting(innovation),
        "assignments": innovation.assignments.select_related("curator"),
        "can_assign": bool(may_assign(request.user)),
        "can_unassign": innovation.status in services.ASSIGNABLE_STATUSES,
        "curators": curator_choices() if may_assign(request.user) else [],
    }
    return render(request, "curation/review.html", context, status=status)


@require_POST
def decide(request, pk):
    innovation = _innovation_for(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["action"] not in {a for a, _n in DECISIONS}:
        messages.error(request, _("Choose a decision."))
        return redirect("curation:review", pk=innovation.pk)
    action = form.cleaned_data["action"]
    replaces = action in HELD_ACTIONS and shown_held_decision(innovation, request.user)
    result = attempt(
        request,
        lambda: innovation_transition(
            innovation=innovation, action=action, by=request.user, note=form.cleaned_data["note"]
        ),
        catch_refusal=False,
    )
    if not result.failed:
        done = done_message(action, result.value.status)
        if replaces and result.value.status == Status.IN_REVIEW:
            done = _(
                "The held decision is changed to “%(decision)s”; the change is recorded, and the "
                "decision is published with the cycle's other decisions."
            ) % {"decision": Action(action).label}
        messages.success(request, _("%(code)s: %(done)s") % {"code": innovation.code, "done": done})
    return redirect("curation:review", pk=innovation.pk)


@require_POST
def comment(request, pk):
    innovation = _innovation_for(request, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(innovation=innovation, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Comment added."))
    else:
        messages.error(request, _("Write a comment."))
    return redirect(reverse("curation:review", args=[innovation.pk]) + "#comments")


@require_POST
def assign(request, pk):
    innovation = _innovation_for(request, pk)
    return _assign(request, [innovation], redirect("curation:review", pk=innovation.pk))


@require_POST
def unassign(request, pk):
    innovation = _innovation_for(request, pk)
    if not may_assign(request.user):
        raise PermissionDenied
    email = request.POST.get("curator", "")
    curator = get_user_model().objects.filter(email__iexact=email).first() if email else None
    result = attempt(
        request,
        lambda: (
            curator is not None
            and services.assignment_remove(innovation=innovation, curator=curator, by=request.user)
        ),
        catch_refusal=False,
    )
    if not result.failed:
        removed = result.value
        if removed:
            messages.success(
                request, _("%(name)s is no longer assigned.") % {"name": curator.full_name}
            )
        else:
            messages.error(request, _("This curator is not assigned to the innovation."))
    return redirect("curation:review", pk=innovation.pk)


def _assign(request, innovations, back):
    if not may_assign(request.user):
        raise PermissionDenied
    emails = request.POST.getlist("curators")
    curators = list(get_user_model().objects.filter(email__in=emails))
    result = attempt(
        request,
        lambda: services.assignment_create(
            innovations=innovations, curators=curators, by=request.user
        ),
        catch_refusal=False,
    )
    if not result.failed:
        messages.success(request, _("%(count)s new assignments.") % {"count": len(result.value)})
    return back


@require_POST
def bulk(request):
    """Assign curators to, or decide on, the innovations selected in the queue."""
    require_staff(request.user)
    ids = [int(v) for v in request.POST.getlist("innovations") if v.isdigit()]
    found = Innovation.objects.visible_to(request.user).select_related("unit").in_bulk(ids)
    innovations = [found[pk] for pk in dict.fromkeys(ids) if pk in found]
    target = request.POST.get("back", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("curation:queue")
    back = redirect(target)
    if not innovations:
        messages.error(request, _("Select at least one innovation."))
        return back
    action = request.POST.get("action", "")
    if action == "assign":
        return _assign(request, innovations, back)
    result = attempt(
        request,
        lambda: services.decision_bulk(
            innovations=innovations,
            action=action,
            by=request.user,
            note=request.POST.get("note", ""),
        ),
        catch_refusal=False,
    )
    if result.failed:
        return back
    results = result.value
    return render(
        request,
        "curation/bulk_result.html",
        {
            "action_label": Action(action).label,
            "results": results,
            "moved": sum(r.moved for r in results),
            "refused": sum(not r.moved for r in results),
            "back": back.url,
        },
    )


@require_safe
def dashboard(request):
    require_staff(request.user)
    cycle, status = cycle_for_page(request, required=False)
    context = {"cycle_years": cycle_years(), "cycle": cycle}
    if cycle is not None:
        context.update(dashboard_data(request.user, cycle))
    return render(request, "curation/dashboard.html", context, status=status)
