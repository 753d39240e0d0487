from django.urls import path

from eigenkracht.core import backoffice_views

app_name = "payments_backoffice"

urlpatterns = [
    path("", backoffice_views.home, name="import_list"),
]
