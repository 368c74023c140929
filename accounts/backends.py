"""Admins hold every model permission, so the admin site needs no per-user permission rows."""

from .enums import Role


class AdminRoleBackend:
    def authenticate(self, request, **credentials):
        return None

    def _is_admin(self, user):
        return user.is_active and getattr(user, "role", None) == Role.ADMIN

    def has_perm(self, user, perm, obj=None):
        return self._is_admin(user)

    def has_module_perms(self, user, app_label):
        return self._is_admin(user)
