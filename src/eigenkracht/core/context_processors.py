from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from eigenkracht.core.models import Organisation


def organisation(request: HttpRequest) -> dict:
    # Lazy: a view that passes the organisation itself (the public pages take it from the
    # fragment cache) shadows this one, and then it is never read from the database.
    return {"organisation": SimpleLazyObject(Organisation.current)}
