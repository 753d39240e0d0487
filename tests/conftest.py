import pytest
from django.core.cache import cache

from eigenkracht.core import page_cache
from tests.two_factor import login_verified


@pytest.fixture(autouse=True)
def _plain_settings(settings, tmp_path):
    """Every test: mail to memory, files in a temporary folder, a fixed public address."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "http://testserver"
    cache.clear()  # public pages are cached per process; each test starts without
    page_cache._versions.clear()
    page_cache._fragments.clear()
    settings.PUBLIC_PAGE_FRESHNESS_SECONDS = 0  # tests about the freshness window set their own
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast tests
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def office_user(db):
    from tests.factories import UserFactory

    return UserFactory(email="kantoor@example.org", role="office")


@pytest.fixture
def manager_user(db):
    from tests.factories import UserFactory

    return UserFactory(email="beheerder@example.org", role="manager")


@pytest.fixture
def office_client(client, office_user):
    login_verified(client, office_user)
    return client


@pytest.fixture
def manager_client(client, manager_user):
    login_verified(client, manager_user)
    return client
