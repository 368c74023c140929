from django.urls import path

from . import views

app_name = "agreements"

urlpatterns = [
    path("agreements/", views.agreement_list, name="list"),
    path("agreements/new/", views.agreement_create, name="create"),
    path("agreements/document/", views.cycle_document, name="cycle_document"),
    path("agreements/<int:pk>/", views.agreement_detail, name="detail"),
    path("agreements/<int:pk>/document/", views.agreement_document, name="document"),
    path("agreements/<int:pk>/scan/", views.agreement_scan, name="scan"),
    path("compliance/", views.compliance, name="compliance"),
]
