"""Admin site: cycles, innovations with their parts, deadline extensions.

Innovations are read-only here: profiles change through `innovation_update` (editable only in
draft or revision, with history), statuses through the workflow. Deadline extensions are granted
through `deadline_extension_grant`. Cycles have no service of their own; the model validates them.
"""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin, ReadOnlyInline, ServiceCreateAdmin

from .models import (
    Attachment,
    CommunitySubmitter,
    Cycle,
    DeadlineExtension,
    Innovation,
    Innovator,
    LabStageRecord,
    Partner,
    TransitionLog,
)
from .services import deadline_extension_grant


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "submission_opens",
        "submission_deadline",
        "curation_deadline",
        "agreement_deadline",
        "launch_date",
        "min_innovations_per_unit",
    ]
    ordering = ["-year"]


class InnovatorInline(ReadOnlyInline, admin.TabularInline):
    model = Innovator


class PartnerInline(ReadOnlyInline, admin.TabularInline):
    model = Partner


class CommunitySubmitterInline(ReadOnlyInline, admin.StackedInline):
    model = CommunitySubmitter


class LabStageRecordInline(ReadOnlyInline, admin.TabularInline):
    model = LabStageRecord
    fields = ["stage", "previous_stage", "reached_on", "recorded_by", "recorded_at", "note"]


class AttachmentInline(ReadOnlyInline, admin.TabularInline):
    model = Attachment
    fields = ["kind", "indicator", "lab_stage", "filename", "size", "content_type", "uploaded_at"]


class TransitionLogInline(ReadOnlyInline, admin.TabularInline):
    model = TransitionLog
    fields = ["at", "actor", "action", "from_status", "to_status", "note"]


@admin.register(Innovation)
class InnovationAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "unit", "source_category", "status", "maturity", "lab_stage"]
    list_filter = ["cycle", "status", "source_category", "origin", "maturity", "lab_stage"]
    search_fields = ["code", "title", "summary"]
    list_select_related = ["unit", "cycle"]
    inlines = [
        InnovatorInline,
        PartnerInline,
        CommunitySubmitterInline,
        AttachmentInline,
        LabStageRecordInline,
        TransitionLogInline,
    ]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(ServiceCreateAdmin):
    list_display = ["cycle", "unit", "until", "granted_by", "granted_at"]
    list_filter = ["cycle"]
    raw_id_fields = ["unit"]
    fields = ["cycle", "unit", "until", "reason", "granted_by", "granted_at"]
    readonly_fields = ["granted_by", "granted_at"]

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return deadline_extension_grant(
            cycle=data["cycle"],
            unit=data.get("unit"),
            until=data["until"],
            reason=data.get("reason", ""),
            by=request.user,
        )
