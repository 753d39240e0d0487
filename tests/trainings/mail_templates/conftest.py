import pytest

from tests.factories import UserFactory
from tests.two_factor import login_verified


@pytest.fixture
def login_as(client):
    """Log the test client in, second factor verified, as a new user with the given role."""

    def _login(role: str):
        login_verified(client, UserFactory(role=role))
        return client

    return _login
