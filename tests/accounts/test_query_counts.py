"""The list of API keys costs the same queries whatever the number of keys and their owners."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from eigenkracht.accounts.models import ApiToken
from eigenkracht.accounts.tokens import api_token_create
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIST_URL = "/beheer/api-sleutels/"


def _keys(count: int, actor) -> None:
    for _ in range(count):
        api_token_create(user=UserFactory(role="office"), name="Agenda op de website", actor=actor)


def test_the_key_list_costs_the_same_with_2_or_12_keys(
    manager_client, manager_user, django_assert_num_queries
):
    _keys(2, manager_user)
    manager_client.get(LIST_URL)
    with CaptureQueriesContext(connection) as context:
        manager_client.get(LIST_URL)

    _keys(10, manager_user)

    with django_assert_num_queries(len(context.captured_queries)):
        response = manager_client.get(LIST_URL)
    html = response.content.decode()
    assert all(token.prefix in html for token in ApiToken.objects.all())
    assert ApiToken.objects.values("user").distinct().count() == 12
