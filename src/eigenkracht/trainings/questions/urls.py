from django.urls import path

from eigenkracht.trainings.questions import views

# Part of the trainings back office's URL table (trainings_backoffice:question_...).
urlpatterns = [
    path("<int:pk>/vragen/", views.question_list, name="question_list"),
    path("<int:pk>/vragen/<int:question_pk>/", views.question_edit, name="question_edit"),
    path(
        "<int:pk>/vragen/<int:question_pk>/verplaatsen/",
        views.question_move,
        name="question_move",
    ),
    path("<int:pk>/vragen/<int:question_pk>/formulier/", views.question_open, name="question_open"),
    path(
        "<int:pk>/vragen/<int:question_pk>/verwijderen/",
        views.question_delete,
        name="question_delete",
    ),
]
