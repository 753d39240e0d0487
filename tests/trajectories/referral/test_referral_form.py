"""A professional refers a family through the public form."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core.models import OutboxMessage, Sector
from eigenkracht.trajectories.models import Trajectory

pytestmark = pytest.mark.django_db
URL = reverse("referral:form")


def form_data(**overrides):
    today = timezone.localdate()
    data = {
        "referrer_type": "professional",
        "referrer_name": "Inge Maes",
        "referrer_organisation": "CAW Oost-Vlaanderen",
        "referrer_sector": str(Sector.objects.get(name="CAW").pk),
        "referrer_role": "maatschappelijk werker",
        "referrer_email": "Inge.Maes@example.be",
        "referrer_phone": "0470 12 34 56",
        "hoofdpersoon-TOTAL_FORMS": "2",
        "hoofdpersoon-INITIAL_FORMS": "0",
        "hoofdpersoon-MIN_NUM_FORMS": "1",
        "hoofdpersoon-MAX_NUM_FORMS": "3",
        "hoofdpersoon-0-name": "Sarah Janssens",
        "hoofdpersoon-0-birth_year": "1988",
        "hoofdpersoon-0-address": "Kerkstraat 1, 9000 Gent",
        "hoofdpersoon-0-languages": ["nl", "fr"],
        "kind-TOTAL_FORMS": "4",
        "kind-INITIAL_FORMS": "0",
        "kind-MIN_NUM_FORMS": "0",
        "kind-MAX_NUM_FORMS": "12",
        "kind-0-name": "Emma",
        "kind-0-birth_date": "2014-05-01",
        "postcode": "9000",
        "domains": ["parenting", "school"],
        "central_question": "Hoe gaat Emma weer elke dag naar school?",
        "concerns": "Emma is al weken niet naar school geweest.",
        "limits": "Er is elke avond een volwassene thuis.",
        "urgency": "normal",
        "wish_language": "fr",
        "wish_gender": "female",
        "wish_background": "",
        "consent_given": "on",
        "consent_on": (today - dt.timedelta(days=2)).isoformat(),
        "consent_method": "written",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_form_explains_consent_and_lists_the_domains(client):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Zonder toestemming kan de aanmelding niet verzonden worden." in content
    for label in ["Schooluitval", "Uithuisplaatsing", "Eenzaamheid", "Re-integratie"]:
        assert label in content


def test_a_complete_referral_is_received_with_a_reference(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(), follow=True)
    trajectory = Trajectory.objects.get()
    assert trajectory.reference in response.content.decode()
    assert trajectory.referrer_email == "inge.maes@example.be"
    assert trajectory.referrer_phone == "+32470123456"
    assert trajectory.domains == ["parenting", "school"]
    assert trajectory.wish_language == "fr"
    people = {p.name: p for p in trajectory.participants.all()}
    assert people["Sarah Janssens"].languages == ["nl", "fr"]
    assert people["Emma"].role == "child" and people["Emma"].birth_year == 2014
    assert OutboxMessage.objects.filter(kind="referral_received").count() == 1


def token_of_a_new_form(client) -> str:
    return re.search(r'name="once" value="([^"]+)"', client.get(URL).content.decode()).group(1)


def test_the_form_sent_twice_refers_the_family_once(client, django_capture_on_commit_callbacks):
    """A double click, or a second tap while the network is slow: the same form, with its token."""
    token = token_of_a_new_form(client)

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(URL, form_data(once=token), follow=True)
        second = client.post(URL, form_data(once=token), follow=True)

    trajectory = Trajectory.objects.get()
    assert trajectory.reference in first.content.decode()
    assert trajectory.reference in second.content.decode()
    assert OutboxMessage.objects.filter(kind="referral_received").count() == 1
    # Another family: a new form, a new token, a new referral.
    client.post(URL, form_data(once=token_of_a_new_form(client)))
    assert Trajectory.objects.count() == 2


def test_a_family_of_three_main_people_and_seven_children_fits_without_a_script(client):
    page = client.get(URL).content.decode()
    assert 'name="hoofdpersoon-TOTAL_FORMS" value="3"' in page
    assert 'name="kind-TOTAL_FORMS" value="12"' in page
    assert "Nog een derde hoofdpersoon" in page and "Meer kinderen (nog 8 rijen)" in page
    assert '<details class="more-rows">' in page  # closed while empty
    family = {
        "hoofdpersoon-TOTAL_FORMS": "3",
        "hoofdpersoon-1-name": "Tom Peeters",
        "hoofdpersoon-2-name": "Oma Rita",
        "kind-TOTAL_FORMS": "12",
        **{f"kind-{n}-name": f"Kind {n}" for n in range(7)},
    }

    client.post(URL, form_data(**family))

    trajectory = Trajectory.objects.get()
    assert trajectory.participants.filter(role="main_person").count() == 3
    assert trajectory.participants.filter(role="child").count() == 7


def test_rows_in_the_more_section_stay_open_when_the_form_comes_back(client):
    response = client.post(
        URL,
        form_data(
            consent_given=None,
            **{"hoofdpersoon-TOTAL_FORMS": "3", "hoofdpersoon-2-name": "Oma Rita"},
            **{"kind-TOTAL_FORMS": "12", "kind-6-name": "Lotte"},
        ),
    )

    page = response.content.decode()
    assert page.count('<details class="more-rows" open>') == 2
    assert 'value="Oma Rita"' in page and 'value="Lotte"' in page


def test_without_consent_nothing_is_sent_and_the_form_says_why(client):
    response = client.post(URL, form_data(consent_given=None))
    assert response.status_code == 200
    assert "Zonder toestemming van het gezin kunnen we de aanmelding niet aannemen" in (
        response.content.decode()
    )
    assert not Trajectory.objects.exists()
    assert not OutboxMessage.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind-0-birth_date", "2099-01-01", "Een geboortedatum kan niet in de toekomst liggen."),
        ("hoofdpersoon-0-birth_year", "2999", "Vul een geboortejaar in tussen 1900 en"),
        ("consent_on", "2099-01-01", "De toestemming kan niet in de toekomst gegeven zijn."),
        ("postcode", "90", "Vul een Belgische postcode in"),
        ("referrer_phone", "12", "Vul een geldig telefoonnummer in"),
        ("domains", [], "Kies minstens één domein."),
        ("limits", "", "Vul de grenzen in."),
        ("hoofdpersoon-0-name", "", "Dit veld is verplicht."),
    ],
)
def test_impossible_data_is_refused_with_a_clear_message(client, field, value, message):
    response = client.post(URL, form_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Trajectory.objects.exists()


def test_a_bot_filling_the_hidden_field_gets_the_thank_you_page_but_nothing_is_stored(client):
    response = client.post(URL, form_data(website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert not Trajectory.objects.exists()


def test_an_address_of_a_staff_account_gets_no_access_to_the_referral(
    client, django_capture_on_commit_callbacks
):
    """Anyone can type any address in a public form: it must not hand a referral to a staff or
    coordinator account, nor say that the address has one."""
    from tests.factories import UserFactory

    UserFactory(email="beheer@example.org", role="manager")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, form_data(referrer_email="beheer@example.org"), follow=True)
    assert "Bedankt, je aanmelding is ontvangen" in response.content.decode()
    trajectory = Trajectory.objects.get()
    assert trajectory.referrer is None
    mail = OutboxMessage.objects.get(kind="referral_received")
    assert "wachtwoord" not in mail.body_text.lower()


def test_many_referrals_from_one_address_are_slowed_down(client, settings):
    settings.REFERRAL_BURST_LIMIT = 2
    for n in range(2):
        client.post(URL, form_data(referrer_email=f"iemand{n}@example.be"))
    response = client.post(URL, form_data(referrer_email="nog.iemand@example.be"))
    assert "Van deze verbinding kwamen het voorbije uur al veel aanmeldingen" in (
        response.content.decode()
    )
    assert Trajectory.objects.count() == 2


def test_a_refused_referral_counts_as_a_try_too(settings):
    from eigenkracht.trajectories.services import TrajectoryRefused, referral_submit

    settings.REFERRAL_BURST_LIMIT = 1
    with pytest.raises(TrajectoryRefused, match="toestemming"):
        referral_submit(referral={}, main_people=[], children=[], ip_address="203.0.113.9")
    with pytest.raises(TrajectoryRefused, match="al veel aanmeldingen"):
        referral_submit(
            referral={"consent_given": True}, main_people=[], children=[], ip_address="203.0.113.9"
        )


def test_a_tampered_post_without_the_formset_fields_gets_the_form_back(client):
    data = {k: v for k, v in form_data().items() if not k.startswith("hoofdpersoon-")}
    response = client.post(URL, data)
    assert response.status_code == 200
    assert not Trajectory.objects.exists()


def test_the_referral_records_who_gave_consent_when_the_referrer_says_so(client):
    client.post(
        URL, form_data(consent_by_name="Sarah Janssens", consent_by_relation="parent"), follow=True
    )
    consent = Trajectory.objects.get().consents.get()
    assert (consent.given_by_name, consent.get_given_by_relation_display()) == (
        "Sarah Janssens",
        "ouder",
    )


def test_a_consent_giver_of_an_unknown_kind_is_refused_with_a_message(client):
    response = client.post(URL, form_data(consent_by_relation="buurman"))
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Trajectory.objects.exists()


def test_the_form_asks_the_referrers_sector_for_the_figures(client):
    page = client.get(URL).content.decode()
    assert "Sector" in page and "Jeugdhulp" in page
    response = client.post(URL, form_data(referrer_sector=""))
    assert "Kies de sector waarin je werkt" in response.content.decode()
    assert not Trajectory.objects.exists()
    client.post(URL, form_data())
    assert Trajectory.objects.get().referrer_sector.name == "CAW"


def test_a_family_can_still_be_referred_when_the_office_offers_no_sector(client):
    Sector.objects.update(active=False)

    client.post(URL, form_data(referrer_sector=""))

    assert Trajectory.objects.get().referrer_sector is None


def test_without_a_main_person_the_summary_says_so_in_dutch_and_links_the_name_field(client):
    page = client.post(
        URL,
        form_data(
            **{
                "hoofdpersoon-0-name": None,
                "hoofdpersoon-0-birth_year": None,
                "hoofdpersoon-0-address": None,
                "hoofdpersoon-0-languages": None,
            }
        ),
    ).content.decode()

    assert "Verstuur minimaal" not in page
    assert "Vul de naam van minstens één hoofdpersoon in." in page
    assert '<div class="error-summary" role="alert" tabindex="-1"' in page
    assert 'href="#id_hoofdpersoon-0-name"' in page
    assert not Trajectory.objects.exists()


def test_every_error_of_the_referral_is_a_link_in_the_summary(client):
    page = client.post(
        URL, form_data(referrer_email="geen-adres", central_question="", consent_given=None)
    ).content.decode()

    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    for field in ("referrer_email", "central_question", "consent_given"):
        assert f'href="#id_{field}"' in summary, field


def test_an_error_in_a_row_of_people_says_which_row_in_the_summary(client):
    page = client.post(
        URL, form_data(**{"hoofdpersoon-1-birth_year": "2001", "kind-1-birth_year": "1700"})
    ).content.decode()

    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert "Hoofdpersoon 2: Naam: Dit veld is verplicht." in summary
    assert "Kind 2: Vul een geboortejaar in tussen 1900" in summary
    assert 'href="#id_hoofdpersoon-1-name"' in summary and 'href="#id_kind-1-birth_year"' in summary
    assert not Trajectory.objects.exists()
