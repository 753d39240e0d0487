from django.urls import path

from eigenkracht.core import backoffice_views

app_name = "pages_backoffice"

urlpatterns = [
    path("", backoffice_views.home, name="page_list"),
]
