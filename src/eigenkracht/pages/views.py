from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


def page(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "pages/home.html")
