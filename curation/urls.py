from django.urls import path

from . import rubric_views, views

app_name = "curation"

urlpatterns = [
    path("curation/", views.queue, name="queue"),
    path("curation/bulk/", views.bulk, name="bulk"),
    path("curation/dashboard/", views.dashboard, name="dashboard"),
    path("curation/rubric/", rubric_views.rubric, name="rubric"),
    path("curation/<int:pk>/review/", views.review, name="review"),
    path("curation/<int:pk>/decide/", views.decide, name="decide"),
    path("curation/<int:pk>/comments/", views.comment, name="comment"),
    path("curation/<int:pk>/assign/", views.assign, name="assign"),
    path("curation/<int:pk>/unassign/", views.unassign, name="unassign"),
]
