from django.urls import path

from eigenkracht.core import backoffice_views

app_name = "accounts_backoffice"

urlpatterns = [
    path("", backoffice_views.home, name="token_list"),
]
