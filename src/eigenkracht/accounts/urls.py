from django.contrib.auth import views as auth_views
from django.urls import path

from eigenkracht.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("aanmelden/", views.PasswordLoginView.as_view(), name="login"),
    path("aanmelden/code/", views.login_code, name="login_code"),
    path("aanmelden/app-instellen/", views.login_enrol, name="login_enrol"),
    path("app-instellen/<uidb64>/<token>/", views.enrolment_link, name="enrolment_link"),
    path("afmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path("herstelcodes/", views.recovery_codes, name="recovery_codes"),
    path("gebruikers/", views.user_list, name="user_list"),
    path(
        "gebruikers/<int:pk>/tweede-factor-wissen/",
        views.user_second_factor_reset,
        name="user_second_factor_reset",
    ),
    path("gebruikers/blokkeringen/<int:lock_id>/opheffen/", views.lock_lift, name="lock_lift"),
    path("uitnodiging/<uidb64>/<token>/", views.InvitationView.as_view(), name="invitation"),
    path(
        "wachtwoord-vergeten/",
        views.PasswordResetRequestView.as_view(),
        name="password_reset",
    ),
    path(
        "wachtwoord-vergeten/verzonden/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
