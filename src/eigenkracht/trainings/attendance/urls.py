from django.urls import path

from eigenkracht.core import backoffice_views

app_name = "trainings_attendance"

urlpatterns = [path("<int:pk>/", backoffice_views.home, name="session_attendance")]
