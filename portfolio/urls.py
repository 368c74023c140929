from django.urls import path, register_converter

from .views import imports, innovation, lists


class TableFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TableFormat, "tableformat")

app_name = "portfolio"

urlpatterns = [
    path("portfolio/innovations/<int:pk>/", innovation.innovation_portfolio, name="innovation"),
    path(
        "portfolio/innovations/<int:pk>/continue/", innovation.innovation_continue, name="continue"
    ),
    path("portfolio/innovations/<int:pk>/reuse/", innovation.evidence_reuse, name="reuse"),
    path("portfolio/innovations/<int:pk>/decrees/", innovation.decree_add, name="decree-add"),
    path(
        "portfolio/innovations/<int:pk>/decrees/<int:decree_id>/",
        innovation.decree_edit,
        name="decree-edit",
    ),
    path(
        "portfolio/innovations/<int:pk>/decrees/<int:decree_id>/delete/",
        innovation.decree_delete,
        name="decree-delete",
    ),
    path(
        "portfolio/innovations/<int:pk>/monitoring/<int:period>/",
        innovation.monitoring_report,
        name="monitoring-report",
    ),
    path(
        "portfolio/innovations/<int:pk>/monitoring/<int:period>/delete/",
        innovation.monitoring_report_delete,
        name="monitoring-report-delete",
    ),
    path(
        "portfolio/innovations/<int:pk>/replications/",
        innovation.replication_add,
        name="replication-add",
    ),
    path(
        "portfolio/innovations/<int:pk>/replications/<int:replication_id>/delete/",
        innovation.replication_delete,
        name="replication-delete",
    ),
    path("portfolio/monitoring/", lists.monitoring_dashboard, name="monitoring"),
    path("portfolio/monitoring/export/", lists.monitoring_export, name="monitoring-export"),
    path("portfolio/decrees/", lists.decree_list, name="decrees"),
    path("portfolio/decrees/export/", lists.decree_export, name="decrees-export"),
    path("portfolio/replications/", lists.replication_list, name="replications"),
    path("portfolio/replications/export/", lists.replication_export, name="replications-export"),
    path("portfolio/imports/", imports.import_list, name="imports"),
    path(
        "portfolio/imports/template.<tableformat:fmt>",
        imports.import_template,
        name="import-template",
    ),
    path("portfolio/imports/<int:pk>/", imports.import_detail, name="import"),
    path("portfolio/imports/<int:pk>/run/", imports.import_run, name="import-run"),
    path("portfolio/imports/<int:pk>/rows/export/", imports.import_rows_export, name="import-rows"),
]
