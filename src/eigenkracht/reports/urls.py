from django.urls import path

from eigenkracht.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.figures_page, name="figures"),
    path("jaarrapport/", views.annual_report, name="annual"),
    path("sectoren/", views.sector_list, name="sectors"),
    path("sectoren/<int:pk>/", views.sector_edit, name="sector_edit"),
]
