"""The versioned JSON API, mounted at /api/v1/ (schema at /api/v1/openapi.json).

The interactive docs page is off: the OpenAPI schema is the documentation, and the docs page
would need scripts our Content-Security-Policy does not allow.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, ValidationError

from eigenkracht.core.api import validation_error_body
from eigenkracht.core.errors import page_not_found
from eigenkracht.trainings.api import router as trainings_router
from eigenkracht.trajectories.api import router as trajectories_router

api = NinjaAPI(
    title="Eigen Kracht API",
    version="1",
    description=(
        "Public calendar of trainings; registrations and trajectories for staff. Staff send an "
        "API key made in the back office (/beheer/api-sleutels/) as "
        "`Authorization: Bearer <key>`.\n\n"
        "Errors answer JSON with a `detail` in Dutch: 400 when the address or a header holds a "
        "NUL character, 401 without a valid key, 404 for an object that does not exist or that "
        "the key's owner may not see, 422 with the list of parameters that are not valid. An "
        "address longer than the web server accepts gets its 414 (not JSON)."
    ),
    docs_url=None,
)
api.add_router("/", trainings_router)
api.add_router("/", trajectories_router)


@api.exception_handler(ValidationError)
def _invalid_parameters(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, validation_error_body(exc.errors), status=422)


@api.exception_handler(AuthenticationError)
def _without_valid_key(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Geef een geldige API-sleutel mee, als 'Authorization: Bearer <sleutel>'.")
    return api.create_response(request, {"detail": detail}, status=401)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return page_not_found(request, exc)
