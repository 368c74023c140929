"""Admin site: cycles, innovations with their parts, deadline extensions.

Status changes still go through the workflow (the API or the pages), never through a raw edit.
"""

from django.contrib import admin

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


class InnovatorInline(admin.TabularInline):
    model = Innovator
    extra = 0


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


class CommunitySubmitterInline(admin.StackedInline):
    model = CommunitySubmitter
    extra = 0


class LabStageRecordInline(admin.TabularInline):
    model = LabStageRecord
    extra = 0
    readonly_fields = [
        "stage",
        "previous_stage",
        "reached_on",
        "recorded_by",
        "recorded_at",
        "note",
    ]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["kind", "indicator", "lab_stage", "filename", "size", "content_type", "uploaded_at"]
    readonly_fields = ["filename", "size", "content_type", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


class TransitionLogInline(admin.TabularInline):
    model = TransitionLog
    extra = 0
    readonly_fields = ["at", "actor", "action", "from_status", "to_status", "note"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Innovation)
class InnovationAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "unit", "source_category", "status", "maturity", "lab_stage"]
    list_filter = ["cycle", "status", "source_category", "origin", "maturity", "lab_stage"]
    search_fields = ["code", "title", "summary"]
    list_select_related = ["unit", "cycle"]
    raw_id_fields = ["unit", "created_by"]
    readonly_fields = [
        "code",
        "status",
        "source_category",
        "lab_stage",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
        "decided_at",
        "review_round",
    ]
    inlines = [
        InnovatorInline,
        PartnerInline,
        CommunitySubmitterInline,
        AttachmentInline,
        LabStageRecordInline,
        TransitionLogInline,
    ]


@admin.register(DeadlineExtension)
class DeadlineExtensionAdmin(admin.ModelAdmin):
    list_display = ["cycle", "unit", "until", "granted_by", "granted_at"]
    list_filter = ["cycle"]
    raw_id_fields = ["unit"]
    readonly_fields = ["granted_by", "granted_at"]

    def save_model(self, request, obj, form, change):
        if not obj.granted_by_id:
            obj.granted_by = request.user
        super().save_model(request, obj, form, change)
