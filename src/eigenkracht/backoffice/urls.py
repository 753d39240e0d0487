from django.urls import path

from eigenkracht.backoffice import views

app_name = "backoffice"

urlpatterns = [
    path("", views.home, name="home"),
    path("outbox/", views.outbox_list, name="outbox"),
    path("outbox/<int:pk>/", views.outbox_detail, name="outbox_detail"),
    path("outbox/<int:pk>/html/", views.outbox_html, name="outbox_html"),
    path("outbox/<int:pk>/opnieuw/", views.outbox_retry, name="outbox_retry"),
    path("outbox/<int:pk>/afsluiten/", views.outbox_dismiss_view, name="outbox_dismiss"),
    path("audit/", views.audit_list, name="audit"),
    path("zoeken/", views.staff_search, name="search"),
    path("instellingen/", views.organisation_edit, name="organisation"),
]
