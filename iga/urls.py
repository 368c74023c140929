from django.urls import path

from . import views

app_name = "iga"

urlpatterns = [
    path("iga/", views.index, name="index"),
    path("iga/innovations/<int:pk>/", views.readiness, name="readiness"),
    path("iga/<int:year>/", views.region, name="region"),
    path(
        "iga/<int:year>/region-indicators/",
        views.region_indicator_save,
        name="region-indicator",
    ),
    path("iga/<int:year>/entries/", views.entry_create, name="entry-create"),
    path("iga/<int:year>/entries/<int:entry_id>/", views.entry_update, name="entry-update"),
]
