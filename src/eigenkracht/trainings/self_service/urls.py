from django.urls import path

from eigenkracht.trainings import views

app_name = "self_service"

urlpatterns = [path("agenda.ics", views.healthz, name="calendar")]
