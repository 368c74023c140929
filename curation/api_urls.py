from django.urls import path

from . import api, lead_api

app_name = "curation-api"

urlpatterns = [
    path("curation/queue/", api.QueueView.as_view(), name="queue"),
    path("curation/decisions/", api.DecisionsView.as_view(), name="decisions"),
    path("curation/dashboard/", api.DashboardView.as_view(), name="dashboard"),
    path("innovations/<int:pk>/assignments/", api.AssignmentsView.as_view(), name="assignments"),
    path(
        "innovations/<int:pk>/assignments/<str:email>/",
        api.AssignmentView.as_view(),
        name="assignment",
    ),
    path("innovations/<int:pk>/reviews/", api.ReviewsView.as_view(), name="reviews"),
    path("innovations/<int:pk>/comments/", api.CommentsView.as_view(), name="comments"),
    path("cycles/<int:year>/criteria/", api.CriteriaView.as_view(), name="criteria"),
    path(
        "cycles/<int:year>/decisions/publish/",
        lead_api.PublishDecisionsView.as_view(),
        name="publish_decisions",
    ),
    path("curation/auto-assignments/", lead_api.AutoAssignView.as_view(), name="auto_assign"),
    path("curation/note-templates/", lead_api.NoteTemplatesView.as_view(), name="note_templates"),
    path(
        "curation/note-templates/<int:template_id>/",
        lead_api.NoteTemplateView.as_view(),
        name="note_template",
    ),
]
