from django.urls import path

from eigenkracht.pages import views

app_name = "pages_backoffice"

urlpatterns = [
    path("", views.page_list, name="page_list"),
    path("<slug:slug>/", views.page_edit, name="page_edit"),
]
