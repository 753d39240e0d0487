"""The evaluation pages, each under the part of the site it belongs to: the public forms under
/evaluatie/, a trajectory's links under the trajectory, the training results in the back office.
Included at the root of the project's URL table."""

from django.urls import path

from eigenkracht.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("evaluatie/bedankt/", views.thanks, name="thanks"),
    path("evaluatie/vorming/<str:token>/", views.training_respond, name="training_respond"),
    path("evaluatie/<str:token>/", views.respond, name="respond"),
    path("trajecten/<int:pk>/evaluatie/", views.trajectory_invites, name="trajectory"),
    path("trajecten/<int:pk>/evaluatie/qr/", views.qr_sheet, name="qr_sheet"),
    path(
        "trajecten/<int:pk>/evaluatie/<int:invite_pk>/mailen/",
        views.invite_mail,
        name="invite_mail",
    ),
    path("beheer/vormingen/evaluaties/", views.training_results, name="training_results"),
]
