from django.urls import path

from . import api

app_name = "iga-api"

urlpatterns = [
    path("innovations/<int:pk>/iid/", api.InnovationIidView.as_view(), name="innovation-iid"),
    path("reports/iid/<int:year>/", api.IidReportView.as_view(), name="report"),
    path("reports/iid/<int:year>/export/", api.IidExportView.as_view(), name="export"),
    path("reports/iid/<int:year>/entries/", api.EntryListView.as_view(), name="entries"),
    path(
        "reports/iid/<int:year>/entries/<int:entry_id>/",
        api.EntryDetailView.as_view(),
        name="entry",
    ),
    path("cycles/<int:year>/iid-indicators/", api.CatalogueView.as_view(), name="catalogue"),
]
