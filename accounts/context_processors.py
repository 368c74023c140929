"""Navigation for the base layout: each role sees the entries of its own work.

Entries name URLs that the apps route as they land; a name that is not routed yet is skipped, so
the navigation and the home page grow without touching the templates that show them.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .enums import Role

ALL_ROLES = None

# (url name, label, roles that see it; None: every signed-in user).
NAV_ITEMS = [
    ("home", _("Home"), ALL_ROLES),
    (
        "innovations:list",
        _("Innovations"),
        {Role.OPERATOR, Role.HEAD, Role.CURATOR, Role.ADMIN, Role.LEADER},
    ),
    ("curation:queue", _("Curation"), {Role.CURATOR, Role.ADMIN}),
    ("agreements:list", _("Agreements"), {Role.OPERATOR, Role.HEAD, Role.CURATOR, Role.ADMIN}),
    ("agreements:compliance", _("Compliance"), {Role.HEAD, Role.CURATOR, Role.ADMIN, Role.LEADER}),
    ("reports:dashboard", _("Reports"), {Role.ADMIN, Role.LEADER, Role.CURATOR}),
    ("iga:index", _("IGA readiness"), {Role.ADMIN, Role.LEADER, Role.CURATOR}),
    ("portfolio:monitoring", _("Monitoring"), {Role.ADMIN, Role.LEADER, Role.CURATOR}),
    ("notifications:list", _("Notifications"), ALL_ROLES),
    ("admin:index", _("Administration"), {Role.ADMIN}),
]


def routed_links(entries):
    """Resolve (url name, *rest) entries, dropping those whose URL is not routed yet."""
    links = []
    for name, *rest in entries:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        links.append((name, url, *rest))
    return links


def role_label(user):
    """The role as people say it: a lead curator is named as such, not just 'curator'."""
    if not user.is_authenticated:
        return ""
    if user.role == Role.CURATOR and user.is_lead:
        return _("Lead curator")
    return user.get_role_display()


def nav_items_for(user, path=""):
    if not user.is_authenticated:
        return []
    entries = [
        (name, label)
        for name, label, roles in NAV_ITEMS
        if roles is ALL_ROLES or user.role in roles
    ]
    items = []
    for name, url, label in routed_links(entries):
        active = path == url if url == "/" else path.startswith(url)
        items.append({"name": name, "label": label, "url": url, "active": active})
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_items": nav_items_for(user, request.path),
        "user_role_label": role_label(user),
    }
