from django.urls import path

from eigenkracht.trainings.attendance import views

app_name = "trainings_attendance"

urlpatterns = [
    path("<int:pk>/", views.session_attendance, name="session_attendance"),
    path("<int:pk>/lijst.pdf", views.session_attendance_pdf, name="session_attendance_pdf"),
]
