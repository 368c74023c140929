from django.urls import path

from . import cycle_admin, edit_views, list_views, print_views, views

app_name = "innovations"

urlpatterns = [
    path("cycles/", cycle_admin.cycle_list, name="cycles"),
    path("cycles/new/", cycle_admin.cycle_new, name="cycle_create"),
    path("cycles/<int:year>/edit/", cycle_admin.cycle_edit, name="cycle_edit"),
    path("innovations/", list_views.innovation_list, name="list"),
    path("innovations/new/", edit_views.innovation_new, name="create"),
    path("innovations/<int:pk>/", views.innovation_detail, name="detail"),
    path("innovations/<int:pk>/edit/", edit_views.innovation_edit, name="edit"),
    path("innovations/<int:pk>/print/", print_views.innovation_print, name="print"),
    path("innovations/<int:pk>/lab-stage/", views.innovation_lab_stage, name="lab_stage"),
    path(
        "innovations/<int:pk>/attachments/",
        views.innovation_attachment_add,
        name="attachment_add",
    ),
    path(
        "innovations/<int:pk>/attachments/<int:attachment_id>/delete/",
        views.innovation_attachment_delete,
        name="attachment_delete",
    ),
]
