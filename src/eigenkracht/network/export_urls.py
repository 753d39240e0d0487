"""The office's research export, included under "netwerk-export/" in the `trajectories`
namespace ("trajectories:network_export")."""

from django.urls import path

from eigenkracht.network import views

urlpatterns = [path("", views.research_export, name="network_export")]
