from django.urls import path

from eigenkracht.trainings.trainers import office_views as views

app_name = "trainings_trainers"

urlpatterns = [
    path("", views.trainer_list, name="trainer_list"),
    path("nieuw/", views.trainer_create, name="trainer_create"),
    path("<int:pk>/bewerken/", views.trainer_edit, name="trainer_edit"),
    path("<int:pk>/uitnodigen/", views.trainer_invite, name="trainer_invite"),
]
