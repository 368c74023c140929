"""Admin site for the IGA data: read-only. Levels, entries, the catalogue and the region
indicators change through `iga.services` (evidence rules, the draft and warning guards), from the
portal's IGA pages and the API."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin

from .models import EstimateSettings, IgaEntry, Indicator, IndicatorScore, RegionIndicator


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "number", "name", "weight", "max_score", "mandatory"]
    list_filter = ["cycle", "mandatory"]
    ordering = ["-cycle__year", "number"]
    search_fields = ["name"]


@admin.register(IndicatorScore)
class IndicatorScoreAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "indicator", "level", "updated_by", "updated_at"]
    list_filter = ["indicator__cycle", "level"]
    raw_id_fields = ["innovation", "indicator"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(IgaEntry)
class IgaEntryAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "innovation", "national_status", "reported_by", "reported_at"]
    list_filter = ["cycle", "national_status"]
    raw_id_fields = ["innovation"]
    readonly_fields = ["warnings_confirmed", "reported_by", "reported_at"]


@admin.register(RegionIndicator)
class RegionIndicatorAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "number", "name", "value", "weight", "evidence_link"]
    list_filter = ["cycle"]
    ordering = ["-cycle__year", "number"]


@admin.register(EstimateSettings)
class EstimateSettingsAdmin(admin.ModelAdmin):
    """Writable: the shares have no service of their own (the model validates them)."""

    list_display = ["cycle", "region_share", "innovation_share"]
