"""Admin site of the portfolio: records are read-only here (their services hold the rules: who,
when, the upload checks); each cycle's monitoring schedule is plain configuration, editable."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import (
    Decree,
    LegacyImport,
    LegacyImportRow,
    MonitoringReport,
    MonitoringSchedule,
    Replication,
)


@admin.register(MonitoringSchedule)
class MonitoringScheduleAdmin(admin.ModelAdmin):
    list_display = ["cycle", "interval_months", "periods", "lead_days", "reminder_offsets_days"]
    ordering = ["-cycle__year"]


@admin.register(Decree)
class DecreeAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "kind", "number", "issued_on", "valid_until", "indicator"]
    list_filter = ["kind", "indicator"]
    search_fields = ["number", "innovation__code", "innovation__title"]
    raw_id_fields = ["innovation", "document"]


@admin.register(MonitoringReport)
class MonitoringReportAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "period", "reported_on", "method", "beneficiaries"]
    list_filter = ["method"]
    search_fields = ["innovation__code", "innovation__title"]
    raw_id_fields = ["innovation"]


@admin.register(Replication)
class ReplicationAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "adopter_kind", "adopter_unit", "region_name", "replicated_on"]
    list_filter = ["adopter_kind"]
    search_fields = ["innovation__code", "region_name", "region_code"]
    raw_id_fields = ["innovation", "adopter_unit"]


class LegacyImportRowInline(ReadOnlyInline, admin.TabularInline):
    model = LegacyImportRow
    fields = ["number", "title", "year", "status", "outcome", "code", "errors"]
    readonly_fields = fields


@admin.register(LegacyImport)
class LegacyImportAdmin(ReadOnlyAdmin):
    list_display = ["filename", "dry_run", "status", "created_count", "refused_count", "created_at"]
    list_filter = ["dry_run", "status"]
    inlines = [LegacyImportRowInline]
