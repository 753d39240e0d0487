from django.urls import path

from eigenkracht.trainings.dashboard import views

app_name = "trainings_dashboard"

urlpatterns = [path("", views.dashboard, name="dashboard")]
