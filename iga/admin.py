"""Admin site for the IGA data: read-only. Levels, entries, the rules (indicators, brackets,
bands), the region levels and the published indices change through `iga.services` and
`iga.rules_services` (evidence rules, the draft and warning guards, rule validation), from the
portal's IGA pages and the API."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin

from .models import IgaEntry, IidRules, Indicator, IndicatorScore, PublishedIndex, RegionIndicator


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "number", "part", "name", "weight", "max_score", "mandatory"]
    list_filter = ["cycle", "part", "mandatory"]
    ordering = ["-cycle__year", "number"]
    search_fields = ["name"]


@admin.register(IidRules)
class IidRulesAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "edition", "count_brackets_confirmed", "updated_by", "updated_at"]


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
    list_display = ["cycle", "indicator", "level", "evidence_link", "updated_at"]
    list_filter = ["cycle"]
    ordering = ["-cycle__year", "indicator__number"]


@admin.register(PublishedIndex)
class PublishedIndexAdmin(ReadOnlyAdmin):
    list_display = ["year", "index", "predicate", "source", "entered_by", "entered_at"]
