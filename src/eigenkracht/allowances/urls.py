"""The coordinator's allowance pages, under /trajecten/onkosten/."""

from django.urls import path

from eigenkracht.allowances import views

app_name = "allowances"

urlpatterns = [
    path("", views.home, name="home"),
    path("nieuw/<str:kind>/", views.declare, name="declare"),
    path("rekening/", views.account, name="account"),
    path("elders/<int:year>/", views.elsewhere, name="elsewhere"),
    path("overzicht-<int:year>.pdf", views.overview_pdf, name="overview_pdf"),
    path("<int:pk>/bewijsstuk/", views.receipt, name="receipt"),
]
