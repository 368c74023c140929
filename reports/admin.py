from django.contrib import admin

from .models import ExportJob, LaunchEvent


@admin.register(LaunchEvent)
class LaunchEventAdmin(admin.ModelAdmin):
    list_display = ["name", "cycle", "date", "venue"]
    list_select_related = ["cycle"]


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ["kind", "format", "user", "status", "rows_done", "rows_total", "created_at"]
    list_filter = ["status", "kind", "format"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]
