from django.urls import path

from eigenkracht.invoices.backoffice import views

app_name = "invoices_backoffice"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<int:pk>.<str:extension>", views.document_download, name="document_download"),
    path("<int:pk>/opnieuw-versturen/", views.document_resend, name="document_resend"),
    path("<int:pk>/crediteren/", views.document_credit, name="document_credit"),
    path(
        "inschrijvingen/<int:pk>/werkgever/",
        views.registration_billing,
        name="registration_billing",
    ),
    path(
        "inschrijvingen/<int:pk>/factuur/",
        views.registration_invoice_issue,
        name="registration_invoice_issue",
    ),
]
