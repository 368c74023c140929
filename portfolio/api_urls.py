"""REST API of the portfolio, included at /api/v1/ (docs/api-additions.md)."""

from django.urls import path

from . import api, api_lists

app_name = "portfolio-api"

urlpatterns = [
    path("innovations/<int:pk>/lineage/", api.LineageView.as_view(), name="lineage"),
    path("innovations/<int:pk>/continue/", api.ContinueView.as_view(), name="continue"),
    path(
        "innovations/<int:pk>/reusable-evidence/",
        api.ReusableEvidenceView.as_view(),
        name="reusable-evidence",
    ),
    path("innovations/<int:pk>/decrees/", api.DecreeListView.as_view(), name="decrees"),
    path(
        "innovations/<int:pk>/decrees/<int:decree_id>/",
        api.DecreeDetailView.as_view(),
        name="decree",
    ),
    path("innovations/<int:pk>/monitoring/", api.MonitoringView.as_view(), name="monitoring"),
    path(
        "innovations/<int:pk>/monitoring/<int:period>/",
        api.MonitoringReportView.as_view(),
        name="monitoring-report",
    ),
    path(
        "innovations/<int:pk>/replications/",
        api.ReplicationListView.as_view(),
        name="replications",
    ),
    path(
        "innovations/<int:pk>/replications/<int:replication_id>/",
        api.ReplicationDetailView.as_view(),
        name="replication",
    ),
    path("monitoring/", api_lists.ObligationListView.as_view(), name="obligations"),
    path("monitoring/export/", api_lists.ObligationExportView.as_view(), name="obligations-export"),
    path("decrees/", api_lists.DecreeRegionListView.as_view(), name="decree-list"),
    path("decrees/export/", api_lists.DecreeExportView.as_view(), name="decree-export"),
    path("replications/", api_lists.ReplicationRegionListView.as_view(), name="replication-list"),
    path(
        "replications/export/",
        api_lists.ReplicationExportView.as_view(),
        name="replication-export",
    ),
    path(
        "cycles/<int:year>/monitoring-schedule/",
        api_lists.ScheduleView.as_view(),
        name="schedule",
    ),
    path("legacy-imports/", api_lists.LegacyImportListView.as_view(), name="imports"),
    path(
        "legacy-imports/template/",
        api_lists.LegacyTemplateView.as_view(),
        name="import-template",
    ),
    path("legacy-imports/<int:pk>/", api_lists.LegacyImportDetailView.as_view(), name="import"),
    path(
        "legacy-imports/<int:pk>/import/",
        api_lists.LegacyImportRunView.as_view(),
        name="import-run",
    ),
    path(
        "legacy-imports/<int:pk>/rows/",
        api_lists.LegacyImportRowsView.as_view(),
        name="import-rows",
    ),
    path(
        "legacy-imports/<int:pk>/rows/export/",
        api_lists.LegacyImportRowsExportView.as_view(),
        name="import-rows-export",
    ),
]
