from django.urls import path

from eigenkracht.payments.backoffice import views
from eigenkracht.payments.bookkeeping import views as bookkeeping
from eigenkracht.payments.refunds import views as refunds

app_name = "payments_backoffice"

urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("inlezen/", views.import_upload, name="import_upload"),
    path("inlezen/voorbeeld/", views.import_sample, name="import_sample"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/voortgang/", views.import_progress, name="import_progress"),
    path("<int:pk>/ongedaan-maken/", views.import_undo, name="import_undo"),
    path("<int:pk>/kolommen/", views.import_mapping, name="import_mapping"),
    path("<int:pk>/opnieuw/", views.import_retry, name="import_retry"),
    path("<int:pk>/andere-rekening/", views.import_other_account, name="import_other_account"),
    path("rekeningen/", views.own_account_list, name="own_account_list"),
    path("rekeningen/nieuw/", views.own_account_create, name="own_account_create"),
    path("rekeningen/<int:pk>/", views.own_account_edit, name="own_account_edit"),
    path("rekeningen/<int:pk>/verwijderen/", views.own_account_delete, name="own_account_delete"),
    path(
        "inschrijvingen/<int:pk>/betaling/",
        views.registration_mark_paid,
        name="registration_mark_paid",
    ),
    path("na-te-kijken/", views.review_queue, name="review_queue"),
    path("verrichtingen/<int:pk>/", views.transaction_detail, name="transaction_detail"),
    path(
        "verrichtingen/<int:pk>/koppelen/",
        views.transaction_assign,
        name="transaction_assign",
    ),
    path(
        "verrichtingen/<int:pk>/niet-voor-een-inschrijving/",
        views.transaction_dismiss,
        name="transaction_dismiss",
    ),
    path(
        "verrichtingen/<int:pk>/terugbetalen/",
        refunds.transaction_refund,
        name="transaction_refund",
    ),
    path("terugbetalingen/", refunds.refund_list, name="refund_list"),
    path("boekhouding/", bookkeeping.bookkeeping_export, name="bookkeeping_export"),
    path("terugbetalingen/<int:pk>/", refunds.refund_detail, name="refund_detail"),
    path("terugbetalingen/bestand/", refunds.sepa_file_make, name="sepa_file_make"),
    path("sepa-bestanden/<int:pk>/", refunds.sepa_file_detail, name="sepa_file_detail"),
    path(
        "sepa-bestanden/<int:pk>/download/",
        refunds.sepa_file_download,
        name="sepa_file_download",
    ),
    path("sepa-bestanden/<int:pk>/verstuurd/", refunds.sepa_file_sent, name="sepa_file_sent"),
    path(
        "sepa-bestanden/<int:pk>/intrekken/",
        refunds.sepa_file_withdraw,
        name="sepa_file_withdraw",
    ),
]
