import pytest

from tests.factories import UserFactory
from tests.two_factor import login_verified


@pytest.fixture
def login_as(client):
    """Log the test client in as a new user with the given role."""

    def _login(role: str):
        user = UserFactory(role=role)
        login_verified(client, user)
        return client

    return _login
