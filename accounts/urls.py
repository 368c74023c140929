from django.contrib.auth import views as auth_views
from django.urls import path

from . import password_views, profile_views, user_views, views

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("accounts/logout/everywhere/", views.sign_out_everywhere, name="logout_everywhere"),
    path(
        "accounts/password/change/",
        views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        password_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        password_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        password_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/invitation/<uidb64>/<token>/",
        password_views.InvitationConfirmView.as_view(),
        name="invitation_confirm",
    ),
    path("accounts/profile/", profile_views.profile, name="profile"),
    path(
        "accounts/profile/sign-out-others/",
        profile_views.sign_out_other_sessions,
        name="sign_out_other_sessions",
    ),
    path("users/", user_views.user_list, name="users"),
    path("users/new/", user_views.user_create, name="user_create"),
    path("users/<int:pk>/", user_views.user_edit, name="user_edit"),
    path("users/<int:pk>/activation/", user_views.user_activation, name="user_activation"),
    path(
        "users/<int:pk>/invitation/",
        user_views.user_invitation_resend,
        name="user_invitation_resend",
    ),
    path("units/search/", user_views.unit_search, name="unit_search"),
]
