from django.urls import path

from eigenkracht.trajectories.referral import views

app_name = "referral"

urlpatterns = [
    path("", views.referral_form, name="form"),
    path("ontvangen/", views.referral_received, name="received"),
]
