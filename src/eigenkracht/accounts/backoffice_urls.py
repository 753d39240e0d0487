from django.urls import path

from eigenkracht.accounts import backoffice_views as views

app_name = "accounts_backoffice"

urlpatterns = [
    path("", views.token_list, name="token_list"),
    path("nieuw/", views.token_create, name="token_create"),
    path("<int:pk>/intrekken/", views.token_revoke, name="token_revoke"),
]
