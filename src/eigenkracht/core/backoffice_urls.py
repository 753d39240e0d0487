from django.urls import path

from eigenkracht.core import backoffice_views as views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("outbox/", views.home, name="outbox"),
    path("audit/", views.home, name="audit"),
    path("instellingen/", views.home, name="organisation"),
]
