import pytest

from tests.factories import UserFactory


@pytest.fixture
def login_as(client):
    """Log the test client in as a new user with the given role."""

    def _login(role: str):
        client.force_login(UserFactory(role=role))
        return client

    return _login
