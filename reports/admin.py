"""Admin site for reports: launch events are created through `launch_event_create` (one per
cycle, admins only); export jobs are written by the export task and only shown here."""

from django.contrib import admin

from intan_banjar.admin import ReadOnlyAdmin, ServiceCreateAdmin

from .models import ExportJob, LaunchEvent
from .services import launch_event_create


@admin.register(LaunchEvent)
class LaunchEventAdmin(ServiceCreateAdmin):
    list_display = ["name", "cycle", "date", "venue"]
    list_select_related = ["cycle"]
    fields = ["cycle", "name", "date", "venue"]

    def create_through_service(self, request, form):
        data = form.cleaned_data
        return launch_event_create(
            cycle=data["cycle"],
            name=data["name"],
            date=data["date"],
            venue=data.get("venue", ""),
            by=request.user,
        )


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdmin):
    list_display = ["kind", "format", "user", "status", "rows_done", "rows_total", "created_at"]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["user"]
