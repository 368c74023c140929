"""The signed-in home page: each role's starting points, the unit or the region at a glance,
and the current cycle's dates.

It sits above the apps (like `intan_banjar.urls`) because it shows what several of them hold:
accounts' units and people, innovations' cycle, agreements' commitment (`{% unit_commitment %}`).
No app imports it, so `accounts` needs none of the apps built on it.
"""

from django.db.models import Count
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from accounts.context_processors import role_label, routed_links
from accounts.enums import Role, UnitKind
from accounts.models import Unit, User
from innovations.enums import Status
from innovations.head import awaiting_head_for
from innovations.models import Cycle, Innovation
from innovations.revisions import revisions_for_unit
from portfolio.home import monitoring_for_home

# Starting points on the home page, per role: (url name, title, description).
HOME_LINKS = {
    Role.OPERATOR: [
        ("innovations:list", _("Our innovations"), _("Create, complete and submit innovations.")),
        (
            "agreements:list",
            _("Regional Innovation Agreement"),
            _("Prepare this year's agreement."),
        ),
        ("notifications:list", _("Notifications"), _("Reminders and curation feedback.")),
        (
            "portfolio:monitoring",
            _("Monitoring reports"),
            _("Reports owed after the launch, decrees and replications."),
        ),
    ],
    Role.HEAD: [
        ("innovations:list", _("Our innovations"), _("Review and approve the unit's submissions.")),
        ("agreements:list", _("Regional Innovation Agreement"), _("Sign this year's agreement.")),
        ("agreements:compliance", _("Compliance"), _("Which units have met their commitment.")),
        ("notifications:list", _("Notifications"), _("Reminders and curation feedback.")),
        (
            "portfolio:monitoring",
            _("Monitoring reports"),
            _("Reports owed after the launch, decrees and replications."),
        ),
    ],
    Role.CURATOR: [
        ("curation:queue", _("Curation queue"), _("Innovations waiting for your review.")),
        ("innovations:list", _("All innovations"), _("Every innovation of the region.")),
        ("agreements:compliance", _("Compliance"), _("Submissions and agreements per unit.")),
        (
            "portfolio:monitoring",
            _("Monitoring and evaluation"),
            _("Reports owed after the launch, decrees about to lapse, replications."),
        ),
        ("notifications:list", _("Notifications"), _("Assignments and reminders.")),
    ],
    Role.ADMIN: [
        ("users", _("Manage users"), _("Invite people, assign roles and units, deactivate.")),
        ("innovations:cycles", _("Manage cycles"), _("Yearly dates, deadlines and reminders.")),
        ("admin:accounts_unit_changelist", _("Units"), _("Rename, deactivate and merge units.")),
        ("admin:index", _("Administration"), _("Units, rubric and other settings.")),
        ("curation:queue", _("Curation queue"), _("Follow the curation of submissions.")),
        ("reports:dashboard", _("Reports"), _("Launch report and IGA exports.")),
        (
            "portfolio:monitoring",
            _("Monitoring and evaluation"),
            _("Reports owed after the launch, decrees about to lapse, replications."),
        ),
        (
            "portfolio:imports",
            _("Legacy archive"),
            _("Import the innovations of earlier years from a spreadsheet."),
        ),
    ],
    Role.LEADER: [
        ("reports:dashboard", _("Reports"), _("Progress of the region's innovations.")),
        ("agreements:compliance", _("Compliance"), _("Which units have met their commitment.")),
        ("innovations:list", _("All innovations"), _("Every innovation of the region.")),
        (
            "portfolio:monitoring",
            _("Monitoring and evaluation"),
            _("Reports owed after the launch, decrees about to lapse, replications."),
        ),
    ],
}

HOME_TEMPLATES = {
    Role.OPERATOR: "home/unit.html",
    Role.HEAD: "home/unit.html",
    Role.CURATOR: "home/curator.html",
    Role.ADMIN: "home/admin.html",
    Role.LEADER: "home/leader.html",
}


def cycle_deadlines(cycle, today):
    """The cycle's dates in calendar order, each with the days left (negative: passed)."""
    if cycle is None:
        return []
    dates = [
        ("submission_opens", _("Submissions open"), cycle.submission_opens),
        ("submission_deadline", _("Submission deadline"), cycle.submission_deadline),
        ("agreement_deadline", _("Agreement deadline"), cycle.agreement_deadline),
        ("curation_deadline", _("Curation deadline"), cycle.curation_deadline),
        ("launch_date", _("Launch of the innovations"), cycle.launch_date),
    ]
    return [
        {"key": key, "label": label, "date": date, "days_left": (date - today).days}
        for key, label, date in sorted(
            (entry for entry in dates if entry[2]), key=lambda entry: entry[2]
        )
    ]


def unit_status_counts(user, cycle):
    """The unit's innovations of `cycle` per status, in the workflow's order, zeros left out.

    "Revision requested" is its own line: the unit has work to do there, which a single
    "submitted" figure (as the commitment counts it) would hide.
    """
    if cycle is None or user.unit_id is None:
        return []
    counts = dict(
        Innovation.objects.visible_to(user)
        .filter(cycle=cycle, unit_id=user.unit_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {"status": status, "label": label, "count": counts[status]}
        for status, label in Status.choices
        if counts.get(status)
    ]


def unit_summary(user, cycle):
    """What an operator or head sees of their unit today: who works in it on the portal, its
    innovations per status, and the ones sent back for revision (the to-do)."""
    counts = dict(
        User.objects.filter(unit_id=user.unit_id, is_active=True)
        .values_list("role")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        "operators": counts.get(Role.OPERATOR, 0),
        "heads": counts.get(Role.HEAD, 0),
        "statuses": unit_status_counts(user, cycle),
        "revisions": revisions_for_unit(user),
    }


def region_summary(user, cycle):
    """The region at a glance: active units by kind, and for admins accounts by role."""
    unit_counts = dict(Unit.objects.active().values_list("kind").annotate(n=Count("pk")).order_by())
    summary = {
        "units": [
            {"kind": kind, "label": label, "count": unit_counts[kind]}
            for kind, label in UnitKind.choices
            if unit_counts.get(kind)
        ]
    }
    if user.role == Role.ADMIN:
        user_counts = dict(
            User.objects.filter(is_active=True)
            .values_list("role")
            .annotate(n=Count("pk"))
            .order_by()
        )
        summary["users"] = [
            {"role": role, "label": label, "count": user_counts.get(role, 0)}
            for role, label in Role.choices
        ]
    return summary


# Extra facts per role.
HOME_SUMMARIES = {
    Role.OPERATOR: unit_summary,
    Role.HEAD: unit_summary,
    Role.ADMIN: region_summary,
    Role.LEADER: region_summary,
}


@require_safe
def home(request):
    """Send each role to its starting point: one page, one partial per role."""
    user = request.user
    today = timezone.localdate()
    cycle = Cycle.objects.current(today)
    role = user.role if user.role in HOME_LINKS else Role.OPERATOR
    context = {
        "cycle": cycle,
        "deadlines": cycle_deadlines(cycle, today),
        "links": routed_links(HOME_LINKS[role]),
        "role_template": HOME_TEMPLATES[role],
        "role_label": role_label(user),
        "unit": user.unit,
    }
    if role in HOME_SUMMARIES:
        context["summary"] = HOME_SUMMARIES[role](user, cycle)
    if role == Role.HEAD:
        context["awaiting_head"] = awaiting_head_for(user)
    context["monitoring"] = monitoring_for_home(user, today)
    return render(request, "home.html", context)
