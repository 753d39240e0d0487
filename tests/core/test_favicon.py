"""The browser's tab shows the organisation's mark, and /favicon.ico finds it too."""

import pytest

pytestmark = pytest.mark.django_db


def test_pages_link_the_icon_and_favicon_ico_leads_to_it(client):
    page = client.get("/")
    assert b'rel="icon"' in page.content and b"favicon.svg" in page.content
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"].endswith("core/favicon.svg")
