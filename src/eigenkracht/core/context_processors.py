from django.http import HttpRequest

from eigenkracht.core.models import Organisation


def organisation(request: HttpRequest) -> dict:
    return {"organisation": Organisation.current()}
