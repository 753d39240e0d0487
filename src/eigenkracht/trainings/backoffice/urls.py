from django.urls import path

from eigenkracht.payments.receipts import views as receipts
from eigenkracht.trainings.backoffice import seat_views, views
from eigenkracht.trainings.messages import views as messages
from eigenkracht.trainings.questions import urls as questions

app_name = "trainings_backoffice"

urlpatterns = [
    path("", views.training_list, name="training_list"),
    path("nieuw/", views.training_create, name="training_create"),
    path("<int:pk>/", views.training_detail, name="training_detail"),
    path("<int:pk>/bewerken/", views.training_edit, name="training_edit"),
    path("<int:pk>/publiceren/", views.training_publish, name="training_publish"),
    path("<int:pk>/annuleren/", views.training_cancel, name="training_cancel"),
    path("<int:pk>/deelnemers.csv", views.training_export, name="training_export"),
    path("<int:pk>/mail/", messages.training_message, name="training_message"),
    path("inschrijvingen/", views.registration_list, name="registration_list"),
    path("inschrijvingen/<int:pk>/", views.registration_detail, name="registration_detail"),
    path(
        "inschrijvingen/<int:pk>/betalingsbewijs.pdf",
        receipts.registration_receipt,
        name="registration_receipt",
    ),
    path(
        "inschrijvingen/<int:pk>/annuleren/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "inschrijvingen/<int:pk>/heractiveren/",
        views.registration_reinstate,
        name="registration_reinstate",
    ),
    path(
        "inschrijvingen/<int:pk>/plaats-aanbieden/",
        views.registration_offer_seat,
        name="registration_offer_seat",
    ),
    path("locaties/", views.venue_list, name="venue_list"),
    path("locaties/nieuw/", views.venue_create, name="venue_create"),
    path("locaties/<int:pk>/bewerken/", views.venue_edit, name="venue_edit"),
]
urlpatterns += [
    path(
        "inschrijvingen/<int:pk>/plaats-doorgeven/",
        seat_views.registration_transfer,
        name="registration_transfer",
    ),
    path(
        "inschrijvingen/<int:pk>/andere-datum/",
        seat_views.registration_move,
        name="registration_move",
    ),
]
urlpatterns += questions.urlpatterns
