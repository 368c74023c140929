from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from intan_banjar.admin import ServiceWriteAdmin

from .fields import NIPFormField
from .models import Unit, User
from .services import unit_create, unit_merge, unit_update


class NIPAdminMixin:
    """NIPs typed in the admin as printed on the ID card are stored as their 18 digits."""

    nip_fields = ("nip", "head_nip")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.nip_fields:
            return NIPFormField(label=db_field.verbose_name, required=not db_field.blank)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Unit)
class UnitAdmin(NIPAdminMixin, ServiceWriteAdmin):
    list_display = ["code", "name", "kind", "kecamatan", "kemendagri_code", "active", "merged_into"]
    list_filter = ["kind", "active", "verification"]
    search_fields = ["code", "name", "head_name"]
    list_select_related = ["kecamatan", "merged_into"]
    raw_id_fields = ["parent", "kecamatan", "merged_into"]
    actions = ["merge_into_last_selected", "deactivate"]

    def create_through_service(self, request, form):
        return unit_create(**form.cleaned_data)

    def change_through_service(self, request, obj, form):
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        return unit_update(unit=obj, **changed)

    @admin.action(description=_("Deactivate selected units"))
    def deactivate(self, request, queryset):
        try:
            with transaction.atomic():
                for unit in queryset.order_by("pk"):
                    unit_update(unit=unit, active=False)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)

    @admin.action(description=_("Merge the selected units into the one with the highest id"))
    def merge_into_last_selected(self, request, queryset):
        units = list(queryset.order_by("pk"))
        if len(units) < 2:
            self.message_user(request, _("Select at least two units."), messages.WARNING)
            return
        target = units[-1]
        try:
            for source in units[:-1]:
                unit_merge(source=source, target=target)
        except ValidationError as exc:
            self.message_user(request, "; ".join(exc.messages), messages.ERROR)
            return
        self.message_user(request, _("Merged into %(unit)s.") % {"unit": target})


@admin.register(User)
class UserAdmin(NIPAdminMixin, BaseUserAdmin):
    ordering = ["full_name"]
    list_display = ["email", "full_name", "role", "is_lead", "unit", "is_active"]
    list_filter = ["role", "is_lead", "is_active", "unit__kind"]
    search_fields = ["email", "full_name", "nip"]
    list_select_related = ["unit"]
    raw_id_fields = ["unit"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "nip", "role", "is_lead", "unit", "expertise"]}),
        (
            _("Access"),
            {"fields": ["is_active", "is_staff", "is_superuser", "last_login", "date_joined"]},
        ),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": [
                    "email",
                    "full_name",
                    "role",
                    "unit",
                    "is_lead",
                    "password1",
                    "password2",
                ],
            },
        ),
    ]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
