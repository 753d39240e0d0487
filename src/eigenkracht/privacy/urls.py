from django.urls import path

from eigenkracht.privacy import retention_views, views

app_name = "privacy"

urlpatterns = [
    path("verzoeken/", views.request_list, name="request_list"),
    path("verzoeken/nieuw/", views.request_create, name="request_create"),
    path("verzoeken/<int:pk>/", views.request_detail, name="request_detail"),
    path("verzoeken/<int:pk>/verlengen/", views.request_extend, name="request_extend"),
    path("verzoeken/<int:pk>/afhandelen/", views.request_answer, name="request_answer"),
    path("verzoeken/<int:pk>/zoeken/", views.request_search, name="request_search"),
    path("verzoeken/<int:pk>/inzage/", views.access_review, name="access_review"),
    path("verzoeken/<int:pk>/wissen/", views.request_erase, name="request_erase"),
    path("register/", views.register, name="register"),
    path("anoniem-maken/", retention_views.overview, name="retention"),
    path("bewaartermijnen/", retention_views.terms_edit, name="retention_terms"),
    path("anoniem-maken/<int:pk>/goedkeuren/", retention_views.approve, name="retention_approve"),
    path(
        "anoniem-maken/<int:pk>/<slug:category>/",
        retention_views.items,
        name="retention_items",
    ),
    path("register.pdf", views.register_download, name="register_pdf"),
]
