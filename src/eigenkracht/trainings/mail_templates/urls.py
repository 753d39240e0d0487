from django.urls import path

from eigenkracht.trainings.mail_templates import views

app_name = "trainings_mail_templates"

urlpatterns = [
    path("", views.mail_template_list, name="list"),
    path("<str:kind>/<str:language>/", views.mail_template_edit, name="edit"),
    path("<str:kind>/<str:language>/standaard/", views.mail_template_reset, name="reset"),
]
