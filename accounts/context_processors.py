"""Navigation for the base layout: each user sees the entries of their own work.

Every entry names a routed URL; a misspelt name raises `NoReverseMatch` on the first page shown.
Each entry is shown by a predicate of the app that owns the page.
"""

import rules
from django.utils.translation import gettext_lazy as _

from agreements.rules import follows_compliance, works_on_agreements
from curation.rules import is_curation_staff
from iga.rules import may_view_region
from intan_banjar.links import reversed_url
from portfolio.rules import may_view_monitoring
from reports.rules import may_view_reports

from .rules import is_lead_curator, may_manage_users, may_use_admin_site

# (url name, label, predicate of the users who see it).
NAV_ITEMS = [
    ("home", _("Home"), rules.is_authenticated),
    ("innovations:list", _("Innovations"), rules.is_authenticated),
    ("curation:queue", _("Curation"), is_curation_staff),
    ("agreements:list", _("Agreements"), works_on_agreements),
    ("agreements:compliance", _("Compliance"), follows_compliance),
    ("reports:dashboard", _("Reports"), may_view_reports),
    ("iga:index", _("IGA readiness"), may_view_region),
    ("portfolio:monitoring", _("Monitoring"), may_view_monitoring),
    ("notifications:list", _("Notifications"), rules.is_authenticated),
    ("admin:index", _("Administration"), may_use_admin_site),
]


# Pages that look over the region rather than do one's own work. With two or more of them a user
# finds them under one disclosure menu, so that the longest menu (an administrator's ten entries)
# stays on one line on a 1366 px screen.
OVERVIEW_PAGES = ("agreements:compliance", "reports:dashboard", "iga:index", "portfolio:monitoring")
OVERVIEW_LABEL = _("Overview")


def routed_links(entries):
    """Resolve (url name, *rest) entries to (url name, url, *rest)."""
    return [(name, reversed_url(name), *rest) for name, *rest in entries]


def role_label(user):
    """The role as people say it: a lead curator is named as such, not just 'curator'."""
    if not user.is_authenticated:
        return ""
    if is_lead_curator(user):
        return _("Lead curator")
    return user.get_role_display()


def nav_items_for(user, path=""):
    """The entries in menu order; the overview pages as one group entry where there are several.

    A group is `{"name": "overview", "label", "active", "pages": [entries]}` and stands where its
    first page would be, so the order of the pages is the same grouped or not.
    """
    if not user.is_authenticated:
        return []
    entries = [(name, label) for name, label, shown_to in NAV_ITEMS if shown_to(user)]
    items = []
    for name, url, label in routed_links(entries):
        active = path == url if url == "/" else path.startswith(url)
        items.append({"name": name, "label": label, "url": url, "active": active})
    grouped = [item for item in items if item["name"] in OVERVIEW_PAGES]
    if len(grouped) < 2:
        return items
    group = {
        "name": "overview",
        "label": OVERVIEW_LABEL,
        "active": any(item["active"] for item in grouped),
        "pages": grouped,
    }
    first = items.index(grouped[0])
    rest = [item for item in items if item not in grouped]
    return [*rest[:first], group, *rest[first:]]


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    return {
        "nav_items": nav_items_for(user, request.path),
        "user_role_label": role_label(user),
        "user_manages_portal": bool(may_manage_users(user)),
    }
