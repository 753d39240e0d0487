from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.decorators import policy_required


@policy_required(can_use_backoffice)
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "backoffice/home.html")
