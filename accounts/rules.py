"""Permission predicates, declared once and used by views, the API and templates.

The role predicates below are the only place a role is read for a permission. Each app names what
they allow in its own rules module (`may_assign = is_lead_curator | is_admin`, ...), and pages,
services, serializers and templates ask those names, never a role. Nothing lets an admin through
by default (there is no all-permissions backend): a rule that admins pass says `| is_admin`.
"""

import rules
from django.contrib.auth import get_permission_codename

from .enums import Role


@rules.predicate
def is_admin(user):
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


@rules.predicate
def is_curator(user):
    return user.is_authenticated and user.is_active and user.role == Role.CURATOR


@rules.predicate
def is_lead_curator(user):
    return is_curator(user) and user.is_lead


@rules.predicate
def is_leader(user):
    return user.is_authenticated and user.is_active and user.role == Role.LEADER


@rules.predicate
def is_operator(user):
    return user.is_authenticated and user.is_active and user.role == Role.OPERATOR


@rules.predicate
def is_head(user):
    return user.is_authenticated and user.is_active and user.role == Role.HEAD


is_unit_staff = is_operator | is_head
is_region_viewer = is_admin | is_curator | is_leader
is_decider = is_admin | is_lead_curator


@rules.predicate
def is_own_unit(user, obj):
    """`obj` is, or belongs to, the user's unit: a Unit, or anything with a `unit_id` (an
    innovation, an agreement). Nothing without a unit matches, whatever the user's role: a
    curator's own unit counts as much as an operator's (curation keeps curators off it)."""
    if obj is None:
        return False
    unit_id = obj.unit_id if hasattr(obj, "unit_id") else getattr(obj, "pk", None)
    return unit_id is not None and unit_id == getattr(user, "unit_id", None)


# Unit staff acting for their own unit (an operator or head of the object's unit).
belongs_to_unit = is_unit_staff & is_own_unit

may_manage_users = is_admin
may_manage_units = is_admin

# The Django admin site is Bappedalitbang's tool. Its model permissions (`<app>.view_<model>`,
# add, change, delete) and each app's module permission (`<app>`) are this predicate's, registered
# for every model by `register_admin_site_permissions` (AccountsConfig.ready); what the admin may
# then do to a guarded model is the ModelAdmin's (`intan_banjar.admin.ReadOnlyAdmin`).
may_use_admin_site = is_admin


def register_admin_site_permissions(models):
    """Register the Django model permissions of `models` (and their apps) as `may_use_admin_site`.

    A name an app has already registered as a rule of its own keeps that rule.
    """
    for model in models:
        opts = model._meta
        names = {opts.app_label}
        names.update(
            f"{opts.app_label}.{get_permission_codename(action, opts)}"
            for action in opts.default_permissions
        )
        names.update(f"{opts.app_label}.{codename}" for codename, _name in opts.permissions)
        for name in names:
            if not rules.perm_exists(name):
                rules.add_perm(name, may_use_admin_site)


@rules.predicate
def is_self(user, other):
    """`other` is the user's own account."""
    return other is not None and getattr(other, "pk", None) == user.pk


# An administrator manages every account but their own role and activity: an admin who demoted
# or deactivated themselves would lock the portal's administration out (another admin does it).
may_change_role_of = may_manage_users & ~is_self
may_deactivate = may_manage_users & ~is_self
# Each signed-in person keeps their own profile (name, phone, language, password, sessions).
may_edit_profile = rules.is_authenticated & is_self
