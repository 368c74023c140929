from django.contrib import admin

from .models import Assignment, Criterion, InternalComment, Review


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["cycle", "order", "code", "name", "weight"]
    list_filter = ["cycle"]
    ordering = ["-cycle__year", "order"]


@admin.register(Assignment)
class AssignmentAdmin(admin.ModelAdmin):
    list_display = ["innovation", "curator", "assigned_by", "assigned_at"]
    list_select_related = ["innovation", "curator", "assigned_by"]
    raw_id_fields = ["innovation", "curator", "assigned_by"]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Read-only: reviews change through the curation pages, which check the rules."""

    list_display = ["innovation", "curator", "round", "weighted_score", "recommendation"]
    list_select_related = ["innovation", "curator"]
    list_filter = ["recommendation", "innovation__cycle"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(InternalComment)
class InternalCommentAdmin(admin.ModelAdmin):
    list_display = ["innovation", "author", "created_at"]
    list_select_related = ["innovation", "author"]
    raw_id_fields = ["innovation", "author"]
