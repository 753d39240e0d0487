"""The coordinator's work pages, included under "<int:pk>/" in the `trajectories` namespace."""

from django.urls import path

from eigenkracht.trajectories.work import views

urlpatterns = [
    path("deelnemers/", views.participants, name="participants"),
    path("deelnemers/<int:participant_pk>/", views.participant_edit, name="participant_edit"),
    path(
        "deelnemers/<int:participant_pk>/verwijderen/",
        views.participant_delete,
        name="participant_delete",
    ),
    path("conferentie/", views.conference, name="conference"),
    path("vervolgconferentie/", views.follow_up_conference, name="follow_up_conference"),
    path("conferentie/<int:conference_pk>/aanwezigheid/", views.attendance, name="attendance"),
    path(
        "conferentie/<int:conference_pk>/uitnodiging/<int:participant_pk>.pdf",
        views.invitation_letter,
        name="invitation_letter",
    ),
    path(
        "conferentie/<int:conference_pk>/uitnodiging/<int:participant_pk>/mailen/",
        views.invitation_mail,
        name="invitation_mail",
    ),
    path("plan/", views.plan, name="plan"),
    path("plan/voorstellen/", views.plan_present, name="plan_present"),
    path("plan/beslissen/", views.plan_decide, name="plan_decide"),
    path("plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("opvolging/", views.follow_up, name="follow_up"),
    path("notities/", views.note_add, name="note_add"),
]
