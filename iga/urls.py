from django.urls import path

from . import rules_views, views

app_name = "iga"

urlpatterns = [
    path("iga/", views.index, name="index"),
    path("iga/history/", rules_views.history, name="history"),
    path("iga/innovations/<int:pk>/", views.readiness, name="readiness"),
    path("iga/<int:year>/", views.region, name="region"),
    path("iga/<int:year>/plan/", rules_views.plan, name="plan"),
    path("iga/<int:year>/rules/", rules_views.rules_page, name="rules"),
    path("iga/<int:year>/rules/reload/", rules_views.rules_reload, name="rules-reload"),
    path("iga/<int:year>/rules/indicators/new/", rules_views.indicator_new, name="indicator-new"),
    path(
        "iga/<int:year>/rules/indicators/<int:number>/",
        rules_views.indicator_edit,
        name="indicator",
    ),
    path(
        "iga/<int:year>/region-indicators/",
        views.region_indicator_save,
        name="region-indicator",
    ),
    path(
        "iga/<int:year>/region-indicators/<int:number>/evidence/",
        views.region_evidence,
        name="region-evidence",
    ),
    path("iga/<int:year>/entries/", views.entry_create, name="entry-create"),
    path("iga/<int:year>/entries/<int:entry_id>/", views.entry_update, name="entry-update"),
]
