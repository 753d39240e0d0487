from django.urls import include, path

from eigenkracht.trainings import views
from eigenkracht.trainings.attendance import verification
from eigenkracht.trainings.self_service import views as self_service

app_name = "trainings"

urlpatterns = [
    path("vormingen/", views.calendar, name="calendar"),
    path("vormingen/agenda.ics", views.calendar_ics, name="calendar_ics"),
    path("vormingen/<int:pk>/", views.detail, name="detail"),
    path("vormingen/<int:pk>/inschrijven/", views.register, name="register"),
    path("vormingen/<int:pk>/ingeschreven/", views.registered, name="registered"),
    # The link in a mail: its secret is exchanged for the session, then the pages below.
    path("inschrijving/<str:token>/", self_service.link, name="registration_link"),
    path("inschrijving/<str:token>/<path:page>", self_service.link),
    path("mijn-inschrijving/<str:code>/", self_service.registration, name="registration"),
    path("mijn-inschrijving/<str:code>/", include("eigenkracht.trainings.self_service.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("attest/", verification.certificate_form, name="certificate_form"),
    path("attest/<str:code>/", verification.certificate_check, name="certificate_check"),
]
