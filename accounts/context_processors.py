"""Navigation for the base layout: each role sees the entries of its own work."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from .enums import Role

# (url name, label, roles that see it). Names that are not routed yet are skipped, so the
# navigation grows as the apps land without touching this list's consumers.
NAV_ITEMS = [
    ("home", _("Home"), None),
    (
        "innovations:list",
        _("Innovations"),
        {Role.OPERATOR, Role.HEAD, Role.CURATOR, Role.ADMIN, Role.LEADER},
    ),
    ("curation:queue", _("Curation"), {Role.CURATOR, Role.ADMIN}),
    ("agreements:list", _("Agreements"), {Role.OPERATOR, Role.HEAD, Role.CURATOR, Role.ADMIN}),
    ("agreements:compliance", _("Compliance"), {Role.HEAD, Role.CURATOR, Role.ADMIN, Role.LEADER}),
    ("reports:dashboard", _("Reports"), {Role.ADMIN, Role.LEADER, Role.CURATOR}),
    ("admin:index", _("Administration"), {Role.ADMIN}),
]


def nav_items_for(user):
    if not user.is_authenticated:
        return []
    items = []
    for name, label, roles in NAV_ITEMS:
        if roles is not None and user.role not in roles:
            continue
        try:
            items.append({"name": name, "label": label, "url": reverse(name)})
        except NoReverseMatch:
            continue
    return items


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {"nav_items": nav_items_for(user)}
