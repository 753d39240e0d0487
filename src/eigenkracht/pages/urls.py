from django.urls import path

from eigenkracht.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("<slug:slug>/", views.page, name="page"),
]
