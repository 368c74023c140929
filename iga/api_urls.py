from django.urls import path

from . import api, rules_api

app_name = "iga-api"

urlpatterns = [
    path("innovations/<int:pk>/iid/", api.InnovationIidView.as_view(), name="innovation-iid"),
    path("reports/iid/history/", rules_api.HistoryView.as_view(), name="history"),
    path(
        "reports/iid/history/<int:year>/",
        rules_api.HistoryDetailView.as_view(),
        name="history-year",
    ),
    path("reports/iid/<int:year>/", api.IidReportView.as_view(), name="report"),
    path("reports/iid/<int:year>/export/", api.IidExportView.as_view(), name="export"),
    path(
        "reports/iid/<int:year>/region-indicators/<int:number>/evidence/",
        api.RegionEvidenceView.as_view(),
        name="region-evidence",
    ),
    path("reports/iid/<int:year>/plan/", rules_api.PlanView.as_view(), name="plan"),
    path(
        "reports/iid/<int:year>/plan/export/",
        rules_api.PlanExportView.as_view(),
        name="plan-export",
    ),
    path("reports/iid/<int:year>/entries/", api.EntryListView.as_view(), name="entries"),
    path(
        "reports/iid/<int:year>/entries/<int:entry_id>/",
        api.EntryDetailView.as_view(),
        name="entry",
    ),
    path("cycles/<int:year>/iid-indicators/", rules_api.IndicatorsView.as_view(), name="catalogue"),
    path(
        "cycles/<int:year>/iid-indicators/<int:number>/",
        rules_api.IndicatorDetailView.as_view(),
        name="indicator",
    ),
    path("cycles/<int:year>/iid-rules/", rules_api.RulesView.as_view(), name="rules"),
    path(
        "cycles/<int:year>/iid-rules/reload/",
        rules_api.RulesReloadView.as_view(),
        name="rules-reload",
    ),
]
