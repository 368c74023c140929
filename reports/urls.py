from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("reports/", views.dashboard, name="dashboard"),
    path("reports/launch/<int:year>/", views.launch_report, name="launch"),
    path("reports/launch/<int:year>/event/", views.launch_event_create, name="launch-event"),
    path("reports/launch/<int:year>/launch/", views.launch_add, name="launch-add"),
    path("reports/exports/<uuid:token>/", views.export_job, name="export-job"),
    path(
        "reports/exports/<uuid:token>/download/", views.export_job_download, name="export-download"
    ),
]
