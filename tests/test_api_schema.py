"""A bounded property-based run of the API against its own OpenAPI schema (schemathesis): whatever
a client sends, anonymously or with a staff key, no answer is a server error and every answer is
one the schema describes (status, content type, body)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from eigenkracht.accounts.models import ApiToken, Role
from eigenkracht.accounts.tokens import api_key_hash
from tests.factories import RegistrationFactory, TrainingFactory, UserFactory
from tests.trajectories.factories import CoordinatorFactory, TrajectoryFactory

# Requests go through Django's own WSGI handler, which closes the database connection of a test
# transaction after each request: the test data is committed instead (transaction=True).
pytestmark = pytest.mark.django_db(transaction=True)

STAFF_KEY = "schemathesis-staff-key-0123456789"


def load_schema(**config: object) -> schemathesis.BaseSchema:
    """Loaded while the tests are collected; serving the schema needs no database. Unknown query
    parameters are ignored by design, so they are not generated as "invalid" input."""
    return schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json",
        get_wsgi_application(),
        config=schemathesis.Config.from_dict(
            {"generation": {"allow-extra-parameters": False}, **config}
        ),
    )


anonymous = load_schema()
with_staff_key = load_schema(auth={"openapi": {"ApiTokenAuth": {"bearer": STAFF_KEY}}})

# Bounded (about 20 s for both runs) and the same cases every run, so the suite never flakes; a
# longer run finds more: raise max_examples locally.
BOUNDED = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.fixture(autouse=True)
def some_of_everything():
    office = UserFactory(email="kantoor@example.org", role=Role.OFFICE)
    # The key schemathesis sends: stored the way api_token_create stores a key (its hash only).
    ApiToken.objects.create(
        user=office, name="Schemathesis", prefix=STAFF_KEY[:8], key_hash=api_key_hash(STAFF_KEY)
    )
    training = TrainingFactory(title="Basisvorming")
    RegistrationFactory(training=training)
    TrajectoryFactory(status="preparation", coordinator=CoordinatorFactory())


@anonymous.parametrize()
@BOUNDED
def test_anonymous_requests_get_only_answers_the_schema_describes(case):
    case.call_and_validate()


@with_staff_key.parametrize()
@BOUNDED
def test_requests_with_a_staff_key_get_only_answers_the_schema_describes(case):
    case.call_and_validate()
