"""The versioned JSON API, mounted at /api/v1/ (schema at /api/v1/openapi.json).

The interactive docs page is off: the OpenAPI schema is the documentation, and the docs page
would need scripts our Content-Security-Policy does not allow.
"""

from ninja import NinjaAPI

from eigenkracht.trainings.api import router as trainings_router
from eigenkracht.trajectories.api import router as trajectories_router

api = NinjaAPI(
    title="Eigen Kracht API",
    version="1",
    description=(
        "Public calendar of trainings; registrations and trajectories for staff. Staff send an "
        "API key made in the back office (/beheer/api-sleutels/) as "
        "`Authorization: Bearer <key>`."
    ),
    docs_url=None,
)
api.add_router("/", trainings_router)
api.add_router("/", trajectories_router)
