from django.urls import include, path

from eigenkracht.trainings import views

app_name = "trainings"

urlpatterns = [
    path("vormingen/", views.calendar, name="calendar"),
    path("vormingen/agenda.ics", views.calendar_ics, name="calendar_ics"),
    path("vormingen/<int:pk>/", views.detail, name="detail"),
    path("vormingen/<int:pk>/inschrijven/", views.register, name="register"),
    path("inschrijving/<str:token>/", views.registration, name="registration"),
    path("inschrijving/<str:token>/", include("eigenkracht.trainings.self_service.urls")),
    path("healthz", views.healthz, name="healthz"),
]
