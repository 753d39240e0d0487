from django.urls import path

from eigenkracht.payments.exports import views

app_name = "trainings_exports"

urlpatterns = [path("", views.export_form, name="export_form")]
