from django.urls import path

from eigenkracht.invoices import views as invoices
from eigenkracht.payments.receipts import views as receipts
from eigenkracht.payments.refunds import views as refunds
from eigenkracht.trainings.self_service import seat_views, views

app_name = "self_service"

urlpatterns = [
    path("agenda.ics", views.calendar, name="calendar"),
    path("link-opnieuw/", views.link_resend, name="link_resend"),
    path("betalingsbewijs.pdf", receipts.receipt, name="receipt"),
    path("gegevens/", views.contact, name="contact"),
    path("annuleren/", views.cancel, name="cancel"),
    path("plaats-aanvaarden/", views.accept_offer, name="accept_offer"),
    path("terugbetaling/", refunds.registrant_refund_account, name="refund_account"),
    path("factuur/", invoices.invoice, name="invoice"),
    path("factuur/<int:pk>.<str:extension>", invoices.invoice_document, name="invoice_document"),
]
urlpatterns += [
    path("plaats-doorgeven/", seat_views.transfer, name="transfer"),
    path("andere-datum/", seat_views.move, name="move"),
]
