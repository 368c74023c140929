"""REST API of the portfolio, included at /api/v1/ (docs/api-additions.md)."""

from django.urls import path

from .api import archive, lists, records, years

app_name = "portfolio-api"

urlpatterns = [
    path("innovations/<int:pk>/lineage/", years.LineageView.as_view(), name="lineage"),
    path("innovations/<int:pk>/continue/", years.ContinueView.as_view(), name="continue"),
    path(
        "innovations/<int:pk>/reusable-evidence/",
        years.ReusableEvidenceView.as_view(),
        name="reusable-evidence",
    ),
    path("innovations/<int:pk>/decrees/", records.DecreeListView.as_view(), name="decrees"),
    path(
        "innovations/<int:pk>/decrees/<int:decree_id>/",
        records.DecreeDetailView.as_view(),
        name="decree",
    ),
    path("innovations/<int:pk>/monitoring/", records.MonitoringView.as_view(), name="monitoring"),
    path(
        "innovations/<int:pk>/monitoring/<int:period>/",
        records.MonitoringReportView.as_view(),
        name="monitoring-report",
    ),
    path(
        "innovations/<int:pk>/replications/",
        records.ReplicationListView.as_view(),
        name="replications",
    ),
    path(
        "innovations/<int:pk>/replications/<int:replication_id>/",
        records.ReplicationDetailView.as_view(),
        name="replication",
    ),
    path("monitoring/", lists.ObligationListView.as_view(), name="obligations"),
    path("monitoring/export/", lists.ObligationExportView.as_view(), name="obligations-export"),
    path("decrees/", lists.DecreeRegionListView.as_view(), name="decree-list"),
    path("decrees/export/", lists.DecreeExportView.as_view(), name="decree-export"),
    path("replications/", lists.ReplicationRegionListView.as_view(), name="replication-list"),
    path(
        "replications/export/",
        lists.ReplicationExportView.as_view(),
        name="replication-export",
    ),
    path(
        "cycles/<int:year>/monitoring-schedule/",
        lists.ScheduleView.as_view(),
        name="schedule",
    ),
    path("legacy-imports/", archive.LegacyImportListView.as_view(), name="imports"),
    path(
        "legacy-imports/template/",
        archive.LegacyTemplateView.as_view(),
        name="import-template",
    ),
    path("legacy-imports/<int:pk>/", archive.LegacyImportDetailView.as_view(), name="import"),
    path(
        "legacy-imports/<int:pk>/import/",
        archive.LegacyImportRunView.as_view(),
        name="import-run",
    ),
    path(
        "legacy-imports/<int:pk>/rows/",
        archive.LegacyImportRowsView.as_view(),
        name="import-rows",
    ),
    path(
        "legacy-imports/<int:pk>/rows/export/",
        archive.LegacyImportRowsExportView.as_view(),
        name="import-rows-export",
    ),
]
