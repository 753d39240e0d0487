"""Where a placeholder may stand. Values are filled in after the Markdown has been cleaned, so a
placeholder as a link's address, in a link's text, or a list or table inside a sentence would
put a registrant's name in an href or break the HTML. Saving refuses those places; and whatever
gets through (a text saved before the check) is cleaned once more after filling in."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.trainings import emails
from eigenkracht.trainings.mail_templates import rendering
from eigenkracht.trainings.mail_templates.kinds import MAIL_KINDS, PLACEHOLDERS
from eigenkracht.trainings.mail_templates.starters import STARTERS
from eigenkracht.trainings.models import MailTemplate
from tests.factories import MailTemplateFactory, RegistrationFactory, TrainingFactory

pytestmark = pytest.mark.django_db

RECEIVED = MAIL_KINDS["received"]
PAY = "\n\n{mededeling}"  # what a payment mail needs anyway


def _problems(body: str, mail=RECEIVED) -> list[str]:
    return rendering.check(mail=mail, subject="Inschrijving", body=body).body


class _Structure(HTMLParser):
    """Links with their addresses, and what is wrongly nested: a table or list in a paragraph,
    a link in a link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.hrefs: list[str] = []
        self.wrong: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
            if "a" in self.open:
                self.wrong.append("a in a")
        if tag in {"table", "ul", "ol", "p"} and "p" in self.open:
            self.wrong.append(f"{tag} in p")
        if tag not in {"br", "img", "hr"}:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]


def _structure(html: str) -> _Structure:
    parser = _Structure()
    parser.feed(html)
    parser.close()
    return parser


def _render(body: str, registration, kind: str = "received") -> str:
    context = {"organisation": Organisation.current(), **emails.registration_context(registration)}
    return rendering.render(
        mail=MAIL_KINDS[kind], language="nl", subject="Onderwerp", body=body, context=context
    ).html


# The check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The review's case, and the same address written as a reference or a title.
        ("[klik]({voornaam})", "{voornaam} staat in het adres van een link."),
        ("[klik][r]\n\n[r]: {naam}", "{naam} staat in het adres van een link."),
        ('[klik](https://example.org "{voornaam}")', "{voornaam} staat in het adres van een link"),
        ("[klik](https://example.org/?n={code})", "{code} staat in het adres van een link"),
        # A link placeholder is an address only as a whole.
        (
            "[klik]({inschrijving_link}/extra)",
            "{inschrijving_link} moet het hele adres van de link zijn",
        ),
        # In the text of a link: a link in a link, or a name that looks like a link.
        ("[{inschrijving_link}](https://example.org)", "{inschrijving_link} staat in de tekst"),
        (
            "[Beste **{voornaam}**](https://example.org)",
            "{voornaam} staat in de tekst van een link",
        ),
        # Where Markdown throws the value away.
        ("![foto]({voornaam})", "{voornaam} staat op een plaats waar hij niet ingevuld kan"),
        # Blocks: a list in an address, a table in a sentence, a list in a list or a title.
        ("[x]({sessies})", "{sessies} is een lijst of kader en moet alleen op een eigen regel"),
        ("Tekst {betaalinstructies} tekst", "{betaalinstructies} is een lijst of kader"),
        ("Ingeschreven: {deelnemers}", "{deelnemers} is een lijst of kader"),
        ("- {sessies}", "{sessies} is een lijst of kader"),
        ("## {{ sessies }}", "{{ sessies }} is een lijst of kader"),
    ],
)
def test_a_placeholder_in_the_wrong_place_is_refused_with_a_clear_message(body, expected):
    problems = _problems(body + PAY)
    assert any(expected in problem for problem in problems), problems


def test_the_message_names_the_link_placeholders_of_the_mail():
    (problem,) = _problems("[klik]({voornaam})" + PAY)
    assert "Alleen een link-plaatshouder ({inschrijving_link})" in problem
    assert "[tekst van de link]({inschrijving_link})" in problem
    (offer,) = _problems("[klik]({voornaam}) {aanbod_link}", MAIL_KINDS["offer"])
    assert "({inschrijving_link}, {aanbod_link})" in offer
    (certificate,) = _problems("[klik]({voornaam})", MAIL_KINDS["certificate"])
    assert "In deze mail kan een plaatshouder geen adres zijn" in certificate


@pytest.mark.parametrize(
    "body",
    [
        "[Je inschrijving]({inschrijving_link})",
        "[Je inschrijving]({{ inschrijving_link }})",
        "[Je inschrijving][r]\n\n[r]: {inschrijving_link}",
        "Je inschrijving: {inschrijving_link}",
        "Dag **{voornaam}**, zie [onze site](https://example.org) voor {vorming}.",
        "`{code}`",
        "Je sessies:\n{sessies}\nTot dan!",  # alone on its line, text right above and below
        "## De vorming\n\n{sessies}\n\n{betaalinstructies}\n\n  {deelnemers}  ",
    ],
)
def test_placeholders_in_their_place_are_accepted(body):
    assert _problems(body + PAY) == []


@pytest.mark.parametrize(("kind", "language"), sorted(STARTERS))
def test_every_proposed_text_passes_the_check(kind, language):
    subject, body = STARTERS[(kind, language)]
    assert not rendering.check(mail=MAIL_KINDS[kind], subject=subject, body=body)


def test_the_editor_refuses_a_name_as_link_address(office_client):
    response = office_client.post(
        reverse("trainings_mail_templates:edit", args=["received", "nl"]),
        {
            "subject": "Inschrijving ontvangen",
            "body": "Dag [klik hier]({voornaam}),\n\n{betaalinstructies}",
            "action": "save",
        },
    )

    assert response.status_code == 400
    assert not MailTemplate.objects.exists()
    (error,) = response.context["form"].errors["body"]
    assert error.startswith("{voornaam} staat in het adres van een link.")


def test_only_link_placeholders_are_marked_as_links():
    assert {name for name, p in PLACEHOLDERS.items() if p.link} == {
        "inschrijving_link",
        "aanbod_link",
    }


# Filling in -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["javascript:alert(1)//", "https://kwaad.example/inloggen"])
def test_a_name_never_becomes_a_link_address_even_in_a_text_saved_before_the_check(name):
    MailTemplateFactory(
        kind="expired",
        language="nl",
        subject="Vervallen",
        body="Dag {voornaam}, [klik]({voornaam}) of [hier][r].\n\n[r]: {naam}",
    )
    registration = RegistrationFactory(first_name=name)

    emails.send_expired(registration)

    html = OutboxMessage.objects.get().body_html
    hrefs = _structure(html).hrefs
    assert not any("javascript" in href or "kwaad" in href for href in hrefs), hrefs
    assert "javascript:alert" not in html.replace(f"Dag {name},", "")
    assert f"Dag {name}," in html  # as text, where the text asked for it


def test_blocks_and_links_in_odd_places_still_give_well_formed_html():
    registration = RegistrationFactory(training=TrainingFactory(sessions=2))
    for body in (
        "[x]({sessies})",
        "Tekst {betaalinstructies} tekst",
        "Ingeschreven: {deelnemers} en meer",
        "[{inschrijving_link}](https://example.org)",
    ):
        html = _render(body, registration)
        structure = _structure(html)
        assert structure.wrong == [], (body, html)
        assert all(not href.startswith("<") and "<" not in href for href in structure.hrefs)


def test_a_block_on_its_own_line_between_text_becomes_its_own_part():
    registration = RegistrationFactory(
        training=TrainingFactory(sessions=2), participants=[("Ann", "Peeters", "ann@example.be")]
    )
    html = _render("Je sessies:\n{sessies}\nTot dan!\n{betaalinstructies}\nGroeten", registration)

    assert _structure(html).wrong == []
    assert html.index("Je sessies:") < html.index("<ul") < html.index("Tot dan!")
    assert html.index("Tot dan!") < html.index("<table") < html.index("Groeten")


def test_the_own_markup_survives_the_final_cleaning():
    registration = RegistrationFactory()
    html = _render(
        "## Betalen\n\n{betaalinstructies}\n\n[Je inschrijving]({inschrijving_link})", registration
    )

    assert '<h2 style="font-size:18px;color:#6b2c91">Betalen</h2>' in html
    assert '<table role="presentation" cellpadding="4" cellspacing="0" style="border:2px' in html
    assert '<td style="padding:4px"><strong>' in html
    assert '<img src="cid:epc-qr" width="185" height="185" alt="' in html
    link = emails.registration_url(registration)
    assert f'<a style="color:#6b2c91" href="{link}" rel="noopener">Je inschrijving</a>' in html


def test_the_final_cleaning_keeps_only_safe_addresses_and_own_styles():
    cleaned = rendering.clean_mail_html(
        '<p><a href="javascript:alert(1)">a</a><a href="cid:epc-qr">b</a>'
        '<a href="https://example.org" style="color:red" onclick="x()">c</a>'
        '<img src="https://kwaad.example/pixel.png"><script>alert(1)</script></p>'
    )

    assert "javascript" not in cleaned
    assert "cid:" not in cleaned
    assert "kwaad" not in cleaned
    assert "color:red" not in cleaned and "onclick" not in cleaned
    assert "<script" not in cleaned
    assert '<a href="https://example.org" rel="noopener">c</a>' in cleaned
