"""The admin site's two ways of writing: through the service that holds the rules, or not at all.

A `ModelAdmin` saves with `obj.save()`, so every admin that could write a model guarded by a
service would skip that service's refusals, history and outbox rows. Admins of such models are
either read-only (`ReadOnlyAdmin`) or create through the service (`ServiceCreateAdmin`); the
portal's pages and the API are where those records change. Where the services cover every
change (units), the admin adds and changes through them (`ServiceWriteAdmin`).
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect

from .exceptions import StateConflict

# The error contract's refusals (intan_banjar.exceptions, and a model's own full_clean errors).
SERVICE_REFUSALS = (ValidationError, PermissionDenied, StateConflict)


class _Refused(Exception):
    """The service refused a write started in the admin (carries the service's exception).

    A wrapper, not the contract's exceptions themselves: the admin raises its own PermissionDenied
    (no add permission, ...), which must stay Django's 403, while a service's refusal becomes a
    message on the form."""


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records are shown, never added, changed or deleted here (the portal's services do that)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """An inline that lists related rows without offering to add, change or delete them."""

    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ServiceCreateAdmin(ReadOnlyAdmin):
    """Adding calls `create_through_service(request, form)`; existing rows stay read-only.

    The service's refusals (`SERVICE_REFUSALS`) are shown on the form instead of being bypassed by
    a plain save.
    """

    def has_add_permission(self, request, obj=None):
        return request.user.has_perm(f"{self.opts.app_label}.add_{self.opts.model_name}")

    def create_through_service(self, request, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        # Only reached for an add that passed the form's own validation; the service writes the
        # row and refuses what the rules refuse (the admin's transaction is rolled back then).
        try:
            obj.pk = self.create_through_service(request, form).pk
        except SERVICE_REFUSALS as exc:
            raise _Refused(exc) from exc

    def _changeform_view(self, request, object_id, form_url, extra_context):
        try:
            return super()._changeform_view(request, object_id, form_url, extra_context)
        except _Refused as refused:
            exc = refused.args[0]
            text = "; ".join(getattr(exc, "messages", None) or [str(exc)])
            self.message_user(request, text, messages.ERROR)
            # Nothing was stored; the form comes back empty with the service's reason on top.
            return HttpResponseRedirect(request.get_full_path())


class ServiceWriteAdmin(ServiceCreateAdmin):
    """Adding calls `create_through_service(request, form)`, changing calls
    `change_through_service(request, obj, form)`; their refusals are shown, nothing is stored.

    Actions call the services themselves. Deleting is left to Django's permission as before
    (rows that records point at are kept by the database's PROTECT).
    """

    def has_change_permission(self, request, obj=None):
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    def has_delete_permission(self, request, obj=None):
        return admin.ModelAdmin.has_delete_permission(self, request, obj)

    def change_through_service(self, request, obj, form):  # pragma: no cover - abstract
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        # The form has already set its values on `obj`; the service validates and saves them.
        try:
            self.change_through_service(request, obj, form)
        except (ValidationError, PermissionDenied) as exc:
            raise _Refused(exc) from exc
