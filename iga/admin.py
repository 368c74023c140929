"""Admin site: the catalogue per cycle (weights unconfirmed), entries, region indicators."""

from django.contrib import admin

from .models import EstimateSettings, IgaEntry, Indicator, IndicatorScore, RegionIndicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["cycle", "number", "name", "weight", "max_score", "mandatory"]
    list_filter = ["cycle", "mandatory"]
    list_editable = ["weight", "mandatory"]
    ordering = ["-cycle__year", "number"]
    readonly_fields = ["max_score", "parameters"]
    search_fields = ["name"]

    def get_readonly_fields(self, request, obj=None):
        # The cycle and number identify the indicator: levels already given point at them.
        fixed = ["cycle", "number"] if obj else []
        return [*self.readonly_fields, *fixed]


@admin.register(IndicatorScore)
class IndicatorScoreAdmin(admin.ModelAdmin):
    list_display = ["innovation", "indicator", "level", "updated_by", "updated_at"]
    list_filter = ["indicator__cycle", "level"]
    raw_id_fields = ["innovation", "indicator"]
    readonly_fields = ["updated_by", "updated_at"]


@admin.register(IgaEntry)
class IgaEntryAdmin(admin.ModelAdmin):
    list_display = ["cycle", "innovation", "national_status", "reported_by", "reported_at"]
    list_filter = ["cycle", "national_status"]
    raw_id_fields = ["innovation"]
    readonly_fields = ["warnings_confirmed", "reported_by", "reported_at"]


@admin.register(RegionIndicator)
class RegionIndicatorAdmin(admin.ModelAdmin):
    list_display = ["cycle", "number", "name", "value", "weight", "evidence_link"]
    list_filter = ["cycle"]
    ordering = ["-cycle__year", "number"]


@admin.register(EstimateSettings)
class EstimateSettingsAdmin(admin.ModelAdmin):
    list_display = ["cycle", "region_share", "innovation_share"]
