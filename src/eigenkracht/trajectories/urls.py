from django.urls import include, path

from eigenkracht.trajectories import views
from eigenkracht.trajectories.office import views as office

app_name = "trajectories"

urlpatterns = [
    path("", views.trajectory_list, name="list"),
    path("aanmeldingen/", office.inbox, name="inbox"),
    path("coordinatoren/", office.coordinator_list, name="coordinator_list"),
    path("coordinatoren/nieuw/", office.coordinator_edit, name="coordinator_create"),
    path("coordinatoren/<int:coordinator_pk>/", office.coordinator_edit, name="coordinator_edit"),
    path("netwerk-export/", include("eigenkracht.network.export_urls")),
    path("<int:pk>/", views.trajectory_detail, name="detail"),
    path("<int:pk>/intake/", office.intake, name="intake"),
    path("<int:pk>/coordinator/", office.assign, name="assign"),
    path("<int:pk>/voorbereiding-starten/", views.preparation_start, name="preparation_start"),
    path("<int:pk>/stoppen/", views.stop, name="stop"),
    path("<int:pk>/afsluiten/", views.close, name="close"),
    path("<int:pk>/toestemming/", views.consent_add, name="consent_add"),
    path("<int:pk>/toestemming/intrekken/", views.consent_withdraw, name="consent_withdraw"),
    path("<int:pk>/netwerk/", include("eigenkracht.network.urls")),
    path("<int:pk>/", include("eigenkracht.trajectories.work.urls")),
]
