from django.urls import path

from . import auto_assign_views, note_template_views, rubric_views, views

app_name = "curation"

urlpatterns = [
    path("curation/", views.queue, name="queue"),
    path("curation/bulk/", views.bulk, name="bulk"),
    path("curation/publish/", views.publish, name="publish"),
    path("curation/auto-assign/", auto_assign_views.auto_assign, name="auto_assign"),
    path("curation/dashboard/", views.dashboard, name="dashboard"),
    path("curation/rubric/", rubric_views.rubric, name="rubric"),
    path("curation/note-templates/", note_template_views.note_templates, name="note_templates"),
    path(
        "curation/note-templates/<int:template_id>/delete/",
        note_template_views.note_template_remove,
        name="note_template_delete",
    ),
    path("curation/<int:pk>/review/", views.review, name="review"),
    path("curation/<int:pk>/decide/", views.decide, name="decide"),
    path("curation/<int:pk>/comments/", views.comment, name="comment"),
    path("curation/<int:pk>/assign/", views.assign, name="assign"),
    path("curation/<int:pk>/unassign/", views.unassign, name="unassign"),
]
