from django.urls import path

from eigenkracht.volunteers import views

app_name = "volunteers_public"

urlpatterns = [
    path("coordinator-worden/", views.apply, name="apply"),
    path("coordinator-worden/ontvangen/", views.received, name="received"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
