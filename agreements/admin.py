from django.contrib import admin

from .models import Agreement, AgreementEvent


class AgreementEventInline(admin.TabularInline):
    model = AgreementEvent
    extra = 0
    can_delete = False
    fields = ["at", "actor", "action", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    """Read-mostly: signing and verification go through the portal's services, which log them."""

    list_display = ["unit", "cycle", "status", "committed_count", "signed_on", "signed_on_behalf"]
    list_filter = ["cycle", "status", "unit__kind", "signed_on_behalf"]
    search_fields = ["unit__name", "unit__code", "signatory_name", "signatory_nip"]
    list_select_related = ["unit", "cycle"]
    raw_id_fields = ["unit", "signed_by", "verified_by", "created_by"]
    readonly_fields = [
        "status",
        "signed_by",
        "signed_at",
        "signed_on_behalf",
        "verified_by",
        "verified_at",
        "created_by",
        "created_at",
        "updated_at",
    ]
    inlines = [AgreementEventInline]
