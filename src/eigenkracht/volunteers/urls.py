from django.urls import path

from eigenkracht.volunteers import views

app_name = "volunteers"

urlpatterns = [
    path("kandidaten/", views.application_list, name="applications"),
    path("kandidaten/<int:pk>/", views.application_detail, name="application"),
    path("kandidaten/<int:pk>/account/", views.application_account, name="application_account"),
    path("modules/", views.modules, name="modules"),
    path("modules/<int:pk>/", views.module_edit, name="module_edit"),
    path("intervisies/", views.intervisions, name="intervisions"),
    path("intervisies/nieuw/", views.intervision_edit, name="intervision_create"),
    path("intervisies/<int:pk>/", views.intervision_edit, name="intervision_edit"),
    path("instellingen/", views.volunteer_settings, name="settings"),
    path("mijn-agenda/", views.my_agenda, name="my_agenda"),
    path("<int:coordinator_pk>/plichten/", views.duties, name="duties"),
    path("<int:coordinator_pk>/opleiding/", views.training, name="training"),
    path("<int:coordinator_pk>/beschikbaarheid/", views.availability, name="availability"),
    path("<int:coordinator_pk>/agenda/", views.agenda, name="agenda"),
]
