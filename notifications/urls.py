from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("notifications/", views.notification_list, name="list"),
    path("notifications/unread/", views.unread_badge, name="unread"),
    path("notifications/read-all/", views.notification_read_all, name="read_all"),
    path("notifications/outbox/", views.outbox, name="outbox"),
    path("notifications/<int:pk>/read/", views.notification_read, name="read"),
    path("notifications/<int:pk>/retry/", views.notification_retry_view, name="retry"),
    path("notifications/<int:pk>/mark-sent/", views.notification_mark_sent_view, name="mark_sent"),
]
