from django.urls import path

from eigenkracht.trainings.trainers import views

app_name = "trainer"

urlpatterns = [
    path("", views.home, name="home"),
    path("vormingen/<int:pk>/", views.training_participants, name="training"),
    path("sessies/<int:pk>/aanwezigheden/", views.session_attendance, name="session_attendance"),
    path("sessies/<int:pk>/lijst.pdf", views.session_attendance_pdf, name="session_attendance_pdf"),
]
