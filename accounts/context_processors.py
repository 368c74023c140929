"""Navigation for the base layout: each role sees the entries of its own work.

Every entry names a routed URL; a misspelt name raises `NoReverseMatch` on the first page shown.
"""

from django.urls import reverse
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
    ("notifications:list", _("Notifications"), ALL_ROLES),
    ("admin:index", _("Administration"), {Role.ADMIN}),
]


def routed_links(entries):
    """Resolve (url name, *rest) entries to (url name, url, *rest)."""
    return [(name, reverse(name), *rest) for name, *rest in entries]


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
