"""The public pages' menu and footer: the links for each kind of visitor, rendered once per
process and language."""

import pytest
from django.urls import reverse
from django.utils import translation

from eigenkracht.core.templatetags import public_frame
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def menu_and_footer(client, user=None) -> str:
    if user is not None:
        client.force_login(user)
    return client.get(reverse("trainings:calendar")).content.decode()


@pytest.mark.parametrize(
    ("role", "own_link"),
    [
        ("office", "backoffice:home"),
        ("manager", "backoffice:home"),
        ("trainer", "trainer:home"),
        ("referrer", "trajectories:list"),
    ],
)
def test_an_account_finds_its_own_pages_in_the_menu_and_no_login_link(client, role, own_link):
    page = menu_and_footer(client, UserFactory(role=role))

    assert f'href="{reverse(own_link)}"' in page
    assert "Inloggen voor medewerkers" not in page


def test_a_visitor_gets_the_public_links_and_the_staff_login(client):
    page = menu_and_footer(client)

    assert page.count(f'href="{reverse("referral:form")}"') == 2  # folded and wide menu
    assert f'href="{reverse("backoffice:home")}"' not in page
    assert f'href="{reverse("trajectories:list")}"' not in page
    assert "Inloggen voor medewerkers" in page


def test_the_links_are_rendered_once_per_kind_and_language(client, monkeypatch):
    monkeypatch.setattr(public_frame, "_rendered", {})
    rendered = []
    original = public_frame.render_to_string
    monkeypatch.setattr(
        public_frame,
        "render_to_string",
        lambda name, context: rendered.append((name, context["kind"])) or original(name, context),
    )

    client.cookies["sessionid"] = "no-such-session"  # no whole-page cache: each page is built
    menu_and_footer(client)
    menu_and_footer(client)
    with translation.override("fr"):
        public_frame.public_nav({"user": None})

    assert rendered == [
        ("core/_public_nav.html", "visitor"),
        ("core/_public_footer_links.html", "visitor"),
        ("core/_public_nav.html", "visitor"),
    ]
