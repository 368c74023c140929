"""The public catalogue and the community form at /katalog/ (no login)."""

from django.urls import path

from . import print_views, public_views

app_name = "katalog"

urlpatterns = [
    path("", public_views.catalogue, name="list"),
    path("data.csv", public_views.data_csv, name="data_csv"),
    path("data.json", public_views.data_json, name="data_json"),
    path("submit/", public_views.submit, name="submit"),
    path("submit/sent/", public_views.submit_sent, name="submit_sent"),
    path("submit/resend/", public_views.resend, name="resend"),
    path("submit/resend/sent/", public_views.resend_sent, name="resend_sent"),
    path("submit/confirm/<str:token>/", public_views.confirm, name="confirm"),
    path("<str:code>/", public_views.detail, name="detail"),
    path("<str:code>/print/", print_views.catalogue_print, name="print"),
]
