"""Admin site for agreements: read-only. Preparing, signing, verifying and rejecting go through
`agreements.services`, which check the state, log an event and notify the head."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import Agreement, AgreementEvent


class AgreementEventInline(ReadOnlyInline, admin.TabularInline):
    model = AgreementEvent
    fields = ["at", "actor", "action", "note"]


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["unit", "cycle", "status", "committed_count", "signed_on", "signed_on_behalf"]
    list_filter = ["cycle", "status", "unit__kind", "signed_on_behalf"]
    search_fields = ["unit__name", "unit__code", "signatory_name", "signatory_nip"]
    list_select_related = ["unit", "cycle"]
    inlines = [AgreementEventInline]
