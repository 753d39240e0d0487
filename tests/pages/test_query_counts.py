"""The back office's list of public pages costs the same queries whatever the number of pages."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eigenkracht.pages.models import Page
from tests.pages.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_the_page_list_costs_the_same_with_2_or_12_more_pages(
    office_client, office_user, django_assert_num_queries
):
    url = reverse("pages_backoffice:page_list")
    PageFactory.create_batch(2, updated_by=office_user)
    office_client.get(url)
    with CaptureQueriesContext(connection) as context:
        office_client.get(url)

    PageFactory.create_batch(10, updated_by=office_user)

    with django_assert_num_queries(len(context.captured_queries)):
        response = office_client.get(url)
    html = response.content.decode()
    assert all(page.title in html for page in Page.objects.all())
