"""The network map of a trajectory, included under "<int:pk>/netwerk/" in the `trajectories`
namespace: names are "trajectories:network:<name>"."""

from django.urls import path

from eigenkracht.network import views

app_name = "network"

urlpatterns = [
    path("", views.network_map, name="map"),
    path("toevoegen/", views.member_add, name="member_add"),
    path("lijst/", views.members_paste, name="members_paste"),
    path("sorteren/", views.members_sort, name="members_sort"),
    path("<int:member_pk>/", views.member_edit, name="member_edit"),
    path("<int:member_pk>/verplaatsen/", views.member_move, name="member_move"),
    path("<int:member_pk>/verwijderen/", views.member_delete, name="member_delete"),
    path("netwerkkaart.svg", views.map_svg, name="map_svg"),
    path("netwerkkaart.pdf", views.map_pdf_view, name="map_pdf"),
    path(
        "netwerkkaart-zonder-namen.svg",
        views.map_pseudonymised_svg,
        name="map_pseudonymised_svg",
    ),
    path("momentopnamen/", views.snapshots, name="snapshots"),
    path("momentopnamen/vergelijken/", views.snapshot_compare, name="snapshot_compare"),
    path("momentopnamen/<int:snapshot_pk>.svg", views.snapshot_svg, name="snapshot_svg"),
]
