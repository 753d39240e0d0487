import pytest

from tests.factories import UserFactory


@pytest.fixture
def login_as(client):
    """Log the test client in as a new user with the given role."""

    def _login(role: str):
        user = UserFactory(role=role)
        client.force_login(user)
        return client

    return _login
