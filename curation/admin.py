"""Admin site for curation: read-only. The rubric page, the queue and the review pages change
these through `curation.services` (the rubric is locked after the first review; a curator never
reviews their own unit), which a plain admin save would skip."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin

from .models import Assignment, Criterion, InternalComment, Review


@admin.register(Criterion)
class CriterionAdmin(ReadOnlyAdmin):
    list_display = ["cycle", "order", "code", "name", "weight"]
    list_filter = ["cycle"]
    ordering = ["-cycle__year", "order"]


@admin.register(Assignment)
class AssignmentAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "curator", "assigned_by", "assigned_at"]
    list_select_related = ["innovation", "curator", "assigned_by"]
    raw_id_fields = ["innovation", "curator", "assigned_by"]


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "curator", "round", "weighted_score", "recommendation"]
    list_select_related = ["innovation", "curator"]
    list_filter = ["recommendation", "innovation__cycle"]


@admin.register(InternalComment)
class InternalCommentAdmin(ReadOnlyAdmin):
    list_display = ["innovation", "author", "created_at"]
    list_select_related = ["innovation", "author"]
    raw_id_fields = ["innovation", "author"]
