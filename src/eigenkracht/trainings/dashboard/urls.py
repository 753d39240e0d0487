from django.urls import path

from eigenkracht.core import backoffice_views

app_name = "trainings_dashboard"

urlpatterns = [path("", backoffice_views.home, name="dashboard")]
