import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.core import page_cache
from eigenkracht.core.models import OutboxMessage
from eigenkracht.trainings import services
from eigenkracht.trainings.models import Participant, Registration, Training
from tests.factories import RegistrationFactory, TrainingFactory, VenueFactory
from tests.trainings.links import registrant_url

pytestmark = pytest.mark.django_db

FEB_2 = dt.date(2027, 2, 2)
FEB_16 = dt.date(2027, 2, 16)


def form_data(**overrides):
    data = {
        "first_name": "Anne-Sophie",
        "last_name": "D'Hondt",
        "email": "anne-sophie@example.be",
        "phone": "0470 12 34 56",
        "organisation": "CAW Oost-Vlaanderen",
        "job": "maatschappelijk werker",
        "remarks": "Vegetarisch",
        "attends": "on",
        "consent": "on",
        "collega-TOTAL_FORMS": "9",
        "collega-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_the_calendar_shows_dates_fee_and_seats_in_belgian_notation(client):
    training = TrainingFactory(
        title="Basisvorming EKc", capacity=3, fee_cents=2000, sessions__first_date=FEB_2
    )
    RegistrationFactory(training=training, seats=2)

    page = client.get(reverse("trainings:calendar")).content.decode()

    assert "Basisvorming EKc" in page
    assert "di 2 februari 2027, 9.30-16.30" in page
    assert "€ 20,00" in page
    assert "Nog 1 plaats" in page


def test_a_full_training_says_volzet_with_waiting_list(client):
    training = TrainingFactory(capacity=1)
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    page = client.get(reverse("trainings:calendar")).content.decode()

    assert "Volzet: wachtlijst" in page


def test_drafts_cancelled_and_past_trainings_stay_off_the_calendar(client):
    TrainingFactory(title="Ontwerpvorming", status=Training.Status.DRAFT)
    TrainingFactory(title="Geschrapte vorming", status=Training.Status.CANCELLED)
    TrainingFactory(title="Vorming van vorige maand", sessions__first_date=dt.date(2025, 1, 7))

    page = client.get(reverse("trainings:calendar")).content.decode()

    assert "Ontwerpvorming" not in page
    assert "Geschrapte vorming" not in page
    assert "Vorming van vorige maand" not in page
    assert "geen vormingen gepland" in page


def test_a_past_training_shows_no_free_places_and_an_upcoming_one_does(client):
    past = TrainingFactory(sessions__first_date=dt.date(2025, 1, 7), capacity=12)
    upcoming = TrainingFactory(sessions__first_date=FEB_2, capacity=12)

    past_page = client.get(reverse("trainings:detail", args=[past.pk])).content.decode()
    upcoming_page = client.get(reverse("trainings:detail", args=[upcoming.pk])).content.decode()

    assert "Deze vorming is al begonnen of voorbij." in past_page
    assert "Nog 12 plaatsen" not in past_page
    assert "Nog 12 plaatsen" in upcoming_page


def test_filter_by_city_and_month(client):
    TrainingFactory(title="In Gent", venue=VenueFactory(city="Gent"), sessions__first_date=FEB_2)
    TrainingFactory(
        title="In Leuven", venue=VenueFactory(city="Leuven"), sessions__first_date=FEB_2
    )
    TrainingFactory(
        title="Gent in maart",
        venue=VenueFactory(city="Gent"),
        sessions__first_date=dt.date(2027, 3, 9),
    )

    page = client.get(reverse("trainings:calendar"), {"city": "Gent", "month": "2027-02"})
    text = page.content.decode()

    assert "In Gent" in text
    assert "In Leuven" not in text
    assert "Gent in maart" not in text
    assert "februari 2027" in text


def test_a_training_is_found_in_every_month_it_has_a_session_in(client):
    # Four weekly sessions from 16 February: the last two in March.
    TrainingFactory(title="Reeks over twee maanden", sessions=4, sessions__first_date=FEB_16)

    march = client.get(reverse("trainings:calendar"), {"month": "2027-03"}).content.decode()
    form = client.get(reverse("trainings:calendar")).context["form"]

    assert "Reeks over twee maanden" in march
    assert "2027-03" in [value for value, _label in form.fields["month"].choices]


def test_a_nonsense_filter_shows_everything_instead_of_an_error(client):
    TrainingFactory(title="Gewoon zichtbaar")

    page = client.get(reverse("trainings:calendar"), {"month": "<script>", "page": "x"})

    assert page.status_code == 200
    assert "Gewoon zichtbaar" in page.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_the_calendar_query_count_does_not_grow_with_trainings(
    client, django_assert_num_queries, count
):
    TrainingFactory.create_batch(count, sessions=2)
    # version (page cache, then cards; tests re-read it every time), organisation, intro text,
    # cities, months, count, trainings, sessions
    with django_assert_num_queries(9):
        client.get(reverse("trainings:calendar"))


@pytest.mark.parametrize("count", [5, 50])
def test_with_a_session_the_calendar_reuses_its_cached_cards(
    client, django_assert_num_queries, count
):
    """A visitor with a session cookie gets a fresh page, but not freshly rendered cards."""
    TrainingFactory.create_batch(count, sessions=2)
    client.get(reverse("trainings:calendar"))
    client.cookies["sessionid"] = "een-sessie-die-niet-bestaat"

    # version, the session: the organisation, the intro text and the filters are cached too
    with django_assert_num_queries(2):
        page = client.get(reverse("trainings:calendar"))

    assert page.content.decode().count('<li class="card">') == min(count, 20)


@pytest.mark.parametrize("count", [5, 50])
def test_the_training_page_query_count_does_not_grow_with_registrations(
    client, django_assert_num_queries, count
):
    training = TrainingFactory(capacity=100)
    RegistrationFactory.create_batch(count, training=training)
    # version (page cache, then the training's fragment; tests re-read it every time), training
    # with seats, sessions, trainers, organisation
    with django_assert_num_queries(6):
        client.get(reverse("trainings:detail", args=[training.pk]))


@pytest.mark.parametrize("count", [5, 50])
def test_with_a_session_the_training_page_reuses_its_cached_training(
    client, django_assert_num_queries, count
):
    """A visitor with a session cookie gets a fresh page, but not a fresh read of the training."""
    training = TrainingFactory(capacity=100)
    RegistrationFactory.create_batch(count, training=training)
    client.get(reverse("trainings:detail", args=[training.pk]))
    client.cookies["sessionid"] = "een-sessie-die-niet-bestaat"

    with django_assert_num_queries(2):  # version, the session
        page = client.get(reverse("trainings:detail", args=[training.pk]))

    html = page.content.decode()
    assert training.title in html
    assert reverse("trainings:register", args=[training.pk]) in html


def test_with_a_session_whether_registration_is_open_is_decided_at_each_visit(client, monkeypatch):
    """The training is cached, but not the moment its registration closes."""
    from django.utils import timezone

    now = timezone.now()
    training = TrainingFactory(registration_closes_at=now + dt.timedelta(minutes=1))
    url = reverse("trainings:detail", args=[training.pk])
    client.cookies["sessionid"] = "een-sessie-die-niet-bestaat"
    assert reverse("trainings:register", args=[training.pk]) in client.get(url).content.decode()

    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=2))
    client.cookies["sessionid"] = "een-sessie-die-niet-bestaat"
    html = client.get(url).content.decode()

    assert "De inschrijvingen voor deze vorming zijn afgesloten." in html
    assert reverse("trainings:register", args=[training.pk]) not in html


def test_an_unknown_or_draft_training_is_404(client):
    draft = TrainingFactory(status=Training.Status.DRAFT)
    assert client.get(reverse("trainings:detail", args=[draft.pk])).status_code == 404
    assert client.get("/vormingen/999999/").status_code == 404
    assert client.get("/vormingen/999999/inschrijven/").status_code == 404


def test_register_with_a_colleague_and_find_the_payment_instructions_through_the_mail(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    training = TrainingFactory(fee_cents=2000)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("trainings:register", args=[training.pk]),
            form_data(
                **{
                    "collega-0-first_name": "Jan",
                    "collega-0-last_name": "Peeters",
                    "collega-0-email": "Jan.Peeters@example.be",
                }
            ),
            follow=True,
        )

    registration = Registration.objects.get()
    assert response.redirect_chain[-1][0] == f"/vormingen/{training.pk}/ingeschreven/"
    assert "Kijk in je mailbox" in response.content.decode()
    (mail,) = mailoutbox
    link = re.search(r"http://testserver(/inschrijving/\S+/)", mail.body)[1]
    page = client.get(link, follow=True).content.decode()
    assert "€ 40,00" in page
    assert "BE68 5390 0754 7034" in page
    assert "GKCCBEBB" in page
    ogm = registration.structured_communication
    assert f"+++{ogm[:3]}/{ogm[3:7]}/{ogm[7:]}+++" in page
    assert "<svg" in page and "EPC QR-code" in page
    assert [p.email for p in registration.participants.all()] == [
        "anne-sophie@example.be",
        "jan.peeters@example.be",
    ]
    assert registration.token in mail.body
    html, mimetype = mail.alternatives[0]
    assert mimetype == "text/html" and "cid:epc-qr" in html


def test_registering_only_colleagues_without_attending_yourself(client):
    training = TrainingFactory()

    client.post(
        reverse("trainings:register", args=[training.pk]),
        form_data(
            attends="",
            **{
                "collega-0-first_name": "Jan",
                "collega-0-last_name": "Peeters",
                "collega-0-email": "jan@example.be",
            },
        ),
    )

    registration = Registration.objects.get()
    assert registration.email == "anne-sophie@example.be"
    assert [p.email for p in registration.participants.all()] == ["jan@example.be"]


def test_nobody_attending_is_refused(client):
    response = client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]), form_data(attends="")
    )
    assert "minstens één deelnemer" in response.content.decode()
    assert not Registration.objects.exists()


def test_every_field_gets_a_clear_dutch_message(client):
    response = client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]),
        form_data(
            first_name="",
            last_name="R2D2",
            email="geen-adres",
            phone="12",
            consent="",
            **{"collega-0-first_name": "Jan"},
        ),
    )
    page = response.content.decode()

    assert response.status_code == 200
    assert "Vul je voornaam in." in page
    assert "Gebruik enkel letters, spaties, apostrofs en koppeltekens." in page
    assert "Vul een geldig e-mailadres in, zoals naam@voorbeeld.be." in page
    assert "Vul een geldig telefoonnummer in" in page
    assert "Om in te schrijven moet je akkoord gaan." in page
    assert "Collega 1 (Jan): vul de familienaam en een e-mailadres in." in page
    assert 'aria-invalid="true"' in page
    assert not Registration.objects.exists()


def test_an_international_phone_number_is_accepted(client):
    client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]),
        form_data(phone="+31 20 123 4567"),
    )
    assert str(Registration.objects.get().phone) == "+31201234567"


def test_html_typed_in_a_field_is_shown_as_text_in_page_and_mail(client):
    client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]),
        form_data(organisation="<b>CAW</b><script>alert(1)</script>"),
    )
    registration = Registration.objects.get()
    assert registration.organisation == "<b>CAW</b><script>alert(1)</script>"
    page = client.get(registrant_url(client, "registration", registration))
    assert "<script>alert(1)" not in page.content.decode()


def test_html_in_a_name_of_a_mail_is_escaped_in_the_html_part(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    training = TrainingFactory(title="Vorming <i>nu</i>")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainings:register", args=[training.pk]), form_data())
    message = OutboxMessage.objects.get()
    assert "Vorming &lt;i&gt;nu&lt;/i&gt;" in message.body_html
    assert "Vorming <i>nu</i>" in message.body_text


def test_the_same_email_twice_points_to_the_existing_registration_by_mail(
    client, django_capture_on_commit_callbacks
):
    training = TrainingFactory()
    url = reverse("trainings:register", args=[training.pk])
    first = client.post(url, form_data(email="new@example.be"), follow=True)
    OutboxMessage.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, form_data(email="NEW@example.be"), follow=True)

    # The page does not tell whether the address was known: only its mailbox does.
    assert again.content == first.content
    assert again.redirect_chain == first.redirect_chain
    assert Registration.objects.count() == 1
    reminder = OutboxMessage.objects.get(kind="registration_link")
    assert reminder.recipient == "new@example.be"
    assert Registration.objects.get().token in reminder.body_text


def test_registering_a_known_address_again_and_again_sends_one_mail_an_hour(
    client, django_capture_on_commit_callbacks, settings
):
    settings.REGISTRATION_BURST_LIMIT = 100
    training = TrainingFactory()
    registration = RegistrationFactory(training=training, email="marie@example.be")
    url = reverse("trainings:register", args=[training.pk])

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(25):
            client.post(url, form_data(email="marie@example.be"))

    links = OutboxMessage.objects.filter(kind="registration_link")
    assert [m.recipient for m in links] == ["marie@example.be"]
    assert registration.token in links.get().body_text
    assert not OutboxMessage.objects.filter(kind="registration_not_made").exists()


def test_no_link_mail_right_after_the_mail_of_the_registration_itself(
    client, django_capture_on_commit_callbacks
):
    url = reverse("trainings:register", args=[TrainingFactory().pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(email="marie@example.be"))
        client.post(url, form_data(email="marie@example.be"))

    assert list(OutboxMessage.objects.values_list("kind", flat=True)) == ["registration_received"]


def test_the_hourly_limit_is_per_training(client, django_capture_on_commit_callbacks):
    first, second = TrainingFactory(), TrainingFactory()
    RegistrationFactory(training=first, email="marie@example.be")
    RegistrationFactory(training=second, email="marie@example.be")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainings:register", args=[first.pk]), form_data(email="marie@example.be")
        )
        client.post(
            reverse("trainings:register", args=[second.pk]), form_data(email="marie@example.be")
        )

    assert OutboxMessage.objects.filter(kind="registration_link").count() == 2


def test_registering_yourself_again_with_a_new_colleague_tells_you_nobody_was_added(
    client, django_capture_on_commit_callbacks
):
    training = TrainingFactory()
    RegistrationFactory(training=training, email="anne-sophie@example.be")
    data = form_data(
        **{
            "collega-0-first_name": "Jan",
            "collega-0-last_name": "Peeters",
            "collega-0-email": "jan.peeters@example.be",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainings:register", args=[training.pk]), data)

    assert not Participant.objects.filter(email="jan.peeters@example.be").exists()
    kinds = sorted(OutboxMessage.objects.values_list("kind", "recipient"))
    assert kinds == [
        ("registration_link", "anne-sophie@example.be"),
        ("registration_not_made", "anne-sophie@example.be"),
    ]


def test_a_colleague_registering_again_hears_who_manages_the_seat_without_the_link(
    client, django_capture_on_commit_callbacks
):
    """The registration's link can cancel and hand on every seat: it is for its contact only."""
    training = TrainingFactory(title="Basisvorming")
    url = reverse("trainings:register", args=[training.pk])
    colleague = {
        "collega-0-first_name": "Jan",
        "collega-0-last_name": "Peeters",
        "collega-0-email": "jan.peeters@example.be",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(email="hr@example.be", attends="", **colleague))
    registration = Registration.objects.get()
    OutboxMessage.objects.all().delete()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, form_data(first_name="Jan", email="jan.peeters@example.be"))

    assert Registration.objects.count() == 1
    told = OutboxMessage.objects.get(recipient="jan.peeters@example.be")
    assert told.kind == "registration_link_colleague"
    assert told.subject == "Je bent al ingeschreven voor Basisvorming"
    assert "Dag Jan," in told.body_text
    assert "Anne-Sophie D'Hondt schreef je in en beheert de inschrijving" in told.body_text
    assert "(hr@example.be)" in told.body_text
    assert registration.token not in told.body_text + told.body_html
    assert not OutboxMessage.objects.filter(kind="registration_link").exists()


def test_too_many_participants_get_the_same_answer_whether_one_was_known_or_not(client):
    training = TrainingFactory(capacity=3)
    RegistrationFactory(training=training, email="known@example.be")
    url = reverse("trainings:register", args=[training.pk])

    def group(first_email):
        extra = {}
        for n, email in enumerate([first_email, "b@example.be", "c@example.be"]):
            extra |= {
                f"collega-{n}-first_name": "Col",
                f"collega-{n}-last_name": "Lega",
                f"collega-{n}-email": email,
            }
        return form_data(attends="", **extra)

    known = client.post(url, group("known@example.be"))
    new = client.post(url, group("new@example.be"))

    assert known.status_code == new.status_code == 200
    assert "Er zijn nog maar 2 plaatsen vrij" in known.content.decode()
    assert "Er zijn nog maar 2 plaatsen vrij" in new.content.decode()


def test_the_mail_of_a_group_says_its_seats_are_held(client, django_capture_on_commit_callbacks):
    training = TrainingFactory()
    colleagues = {}
    for n, name in enumerate(["Jan", "Els"]):
        colleagues |= {
            f"collega-{n}-first_name": name,
            f"collega-{n}-last_name": "Peeters",
            f"collega-{n}-email": f"{name.lower()}@example.be",
        }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("trainings:register", args=[training.pk]), form_data(**colleagues))

    received = OutboxMessage.objects.get(kind="registration_received")
    assert "De 3 plaatsen zijn vastgehouden tot de betaaldatum hieronder." in received.body_text
    assert "Je plaats" not in received.body_text


def test_an_organiser_who_registers_one_colleague_is_not_told_of_their_own_seat(
    client, django_capture_on_commit_callbacks
):
    training = TrainingFactory()
    colleague = {
        "collega-0-first_name": "Jan",
        "collega-0-last_name": "Peeters",
        "collega-0-email": "jan@example.be",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("trainings:register", args=[training.pk]),
            {**form_data(**colleague), "attends": ""},
        )

    received = OutboxMessage.objects.get(kind="registration_received")
    assert "De plaats is vastgehouden tot de betaaldatum hieronder." in received.body_text
    assert "Je plaats" not in received.body_text


def test_one_seat_left_is_said_in_the_singular(client):
    training = TrainingFactory(capacity=2)
    RegistrationFactory(training=training)
    data = form_data(
        **{
            "collega-0-first_name": "Jan",
            "collega-0-last_name": "Peeters",
            "collega-0-email": "jan.peeters@example.be",
        }
    )

    response = client.post(reverse("trainings:register", args=[training.pk]), data)

    page = response.content.decode()
    assert "Er is nog maar 1 plaats vrij. Schrijf minder deelnemers in." in page


@pytest.mark.parametrize(
    "name", ["अनन्या शर्मा", "தமிழ் செல்வி", "ใจดี", "مُحَمَّد", "Zoe\u0308 Lefe\u0300vre", "Ōtsuka"]
)
def test_names_in_any_script_are_accepted(client, name):
    client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]), form_data(last_name=name)
    )

    assert Registration.objects.get().last_name == name


def test_a_group_with_someone_already_registered_is_not_made_and_the_registrant_is_told(
    client, django_capture_on_commit_callbacks
):
    training = TrainingFactory(title="Basisvorming")
    RegistrationFactory(training=training, email="jan.peeters@example.be")
    data = form_data(
        **{
            "collega-0-first_name": "Jan",
            "collega-0-last_name": "Peeters",
            "collega-0-email": "jan.peeters@example.be",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("trainings:register", args=[training.pk]), data)

    assert response.status_code == 302
    assert Registration.objects.count() == 1
    told = OutboxMessage.objects.get(kind="registration_not_made")
    assert told.recipient == "anne-sophie@example.be"
    assert told.subject == "Je inschrijving is niet gemaakt: Basisvorming"
    assert "jan.peeters" not in told.body_text
    assert OutboxMessage.objects.get(kind="registration_link").recipient == (
        "jan.peeters@example.be"
    )


def test_a_known_address_gets_the_same_answer_after_the_same_queries(
    client, django_capture_on_commit_callbacks, django_assert_num_queries
):
    """The mail work for a known address waits for a task: the request does not do more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    training = TrainingFactory()
    RegistrationFactory(training=training, email="known@example.be")
    url = reverse("trainings:register", args=[training.pk])
    with CaptureQueriesContext(connection) as known, django_capture_on_commit_callbacks() as later:
        client.post(url, form_data(email="known@example.be"))

    assert len(later) == 1  # the link mail: composed by a task after the response
    assert not OutboxMessage.objects.filter(kind="registration_link").exists()
    assert len(known.captured_queries) < 40


def test_a_full_training_offers_the_waiting_list_and_asks_no_payment(client):
    training = TrainingFactory(capacity=1)
    RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)

    form = client.get(reverse("trainings:register", args=[training.pk])).content.decode()
    response = client.post(
        reverse("trainings:register", args=[training.pk]), form_data(), follow=True
    )

    assert "Inschrijven op de wachtlijst" in form
    assert "Kijk in je mailbox" in response.content.decode()
    mail = OutboxMessage.objects.get()
    assert mail.kind == "registration_waiting"
    assert "+++" not in mail.body_text


def test_a_cancelled_training_explains_instead_of_showing_the_form(client):
    training = TrainingFactory(status=Training.Status.CANCELLED)

    page = client.get(reverse("trainings:register", args=[training.pk])).content.decode()
    response = client.post(reverse("trainings:register", args=[training.pk]), form_data())

    assert "Deze vorming is geannuleerd." in page
    assert '<form method="post"' not in page
    assert not Registration.objects.exists()
    assert response.status_code == 200


def test_a_bot_filling_the_hidden_field_is_refused(client):
    response = client.post(
        reverse("trainings:register", args=[TrainingFactory().pk]),
        form_data(website="http://spam.example"),
    )
    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_burst_of_submissions_from_one_address_is_refused(client, settings):
    settings.REGISTRATION_BURST_LIMIT = 2
    training = TrainingFactory()
    url = reverse("trainings:register", args=[training.pk])
    client.post(url, form_data(email="p0@example.be"))
    # A try for an address already registered counts as much as a new registration...
    client.post(url, form_data(email="p0@example.be"))

    response = client.post(url, form_data(email="p9@example.be"))

    assert "Van dit netwerk kwamen het voorbije uur te veel inschrijvingen" in (
        response.content.decode()
    )
    assert "info@example.org" in response.content.decode()
    assert Registration.objects.count() == 1


def test_a_form_sent_back_for_a_forgotten_box_does_not_use_up_the_tries(client, settings):
    settings.REGISTRATION_BURST_LIMIT = 1
    url = reverse("trainings:register", args=[TrainingFactory().pk])
    for _ in range(3):
        client.post(url, form_data(consent=""))

    response = client.post(url, form_data())

    assert response.status_code == 302
    assert Registration.objects.count() == 1


def test_a_free_training_confirms_at_once(client):
    training = TrainingFactory(fee_cents=0)
    client.post(reverse("trainings:register", args=[training.pk]), form_data())
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.CONFIRMED
    page = client.get(registrant_url(client, "registration", registration))
    assert "Je inschrijving is bevestigd." in page.content.decode()


def test_an_unknown_or_forged_registration_link_opens_nothing(client):
    RegistrationFactory(token="the-real-token-abcdefghijklmnopqrstuvwxyz")
    for link in (
        "/inschrijving/the-real-token-abcdefghijklmnopqrstuvwxy/",
        "/inschrijving/' OR 1=1 --/",
    ):
        response = client.get(link)
        assert response.status_code == 403
        assert "Open de link uit je mail" in response.content.decode()


def test_the_registration_page_stays_out_of_caches_and_referrers(client):
    registration = RegistrationFactory()
    response = client.get(registrant_url(client, "registration", registration))
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"]


def test_the_ical_feed_lists_every_session(client):
    TrainingFactory(title="Tweedaagse", sessions=2, sessions__first_date=FEB_2)

    response = client.get(reverse("trainings:calendar_ics"))
    body = response.content.decode()

    assert response["Content-Type"].startswith("text/calendar")
    assert body.count("BEGIN:VEVENT") == 2
    assert "SUMMARY:Tweedaagse (1/2)" in body
    assert "DTSTART;TZID=Europe/Brussels:20270202T093000" in body


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("trainings:calendar"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_deadline_is_shown_on_the_registration_page(client):
    registration = RegistrationFactory(payment_deadline=timezone.localdate())
    page = client.get(registrant_url(client, "registration", registration))
    assert "Te betalen vóór" in page.content.decode()


def test_a_second_visitor_gets_the_calendar_from_the_cache_with_one_query(
    client, django_assert_num_queries
):
    TrainingFactory.create_batch(5, sessions=2)
    first = client.get(reverse("trainings:calendar"))

    with django_assert_num_queries(1):  # the version check
        second = client.get(reverse("trainings:calendar"))

    assert second.content == first.content
    assert "script-src 'self'" in second["Content-Security-Policy"]


def test_within_the_freshness_window_no_query_is_made_and_then_changes_show(
    client, settings, monkeypatch, django_assert_num_queries
):
    settings.PUBLIC_PAGE_FRESHNESS_SECONDS = 2
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    training = TrainingFactory(capacity=3)
    assert "Nog 3 plaatsen" in client.get(reverse("trainings:calendar")).content.decode()
    RegistrationFactory(training=training)

    clock[0] += 1.5
    with django_assert_num_queries(0):
        still = client.get(reverse("trainings:calendar")).content.decode()
    clock[0] += 1
    fresh = client.get(reverse("trainings:calendar")).content.decode()

    assert "Nog 3 plaatsen" in still
    assert "Nog 2 plaatsen" in fresh


def test_a_visitor_no_longer_gets_the_button_once_registration_closes(client, monkeypatch):
    """The whole page is cached for visitors, but the moment registration closes turns its
    version."""
    from django.utils import timezone

    now = timezone.now()
    training = TrainingFactory(registration_closes_at=now + dt.timedelta(minutes=1))
    url = reverse("trainings:detail", args=[training.pk])
    register = reverse("trainings:register", args=[training.pk])
    assert register in client.get(url).content.decode()

    monkeypatch.setattr(timezone, "now", lambda: now + dt.timedelta(minutes=2))
    html = client.get(url).content.decode()

    assert "De inschrijvingen voor deze vorming zijn afgesloten." in html
    assert register not in html


def test_a_new_registration_shows_at_once_on_the_cached_calendar(client):
    training = TrainingFactory(capacity=3)
    assert "Nog 3 plaatsen" in client.get(reverse("trainings:calendar")).content.decode()

    RegistrationFactory(training=training)

    assert "Nog 2 plaatsen" in client.get(reverse("trainings:calendar")).content.decode()
    assert (
        "Nog 2 plaatsen"
        in client.get(reverse("trainings:detail", args=[training.pk])).content.decode()
    )


def test_a_cancelled_registration_frees_the_seat_on_the_cached_page(client):
    training = TrainingFactory(capacity=3)
    registration = RegistrationFactory(training=training)
    assert "Nog 2 plaatsen" in client.get(reverse("trainings:calendar")).content.decode()

    services.registration_cancel(registration=registration, actor=None)

    assert "Nog 3 plaatsen" in client.get(reverse("trainings:calendar")).content.decode()


def test_logged_in_staff_never_get_a_visitors_cached_page(client, office_user):
    TrainingFactory()
    client.get(reverse("trainings:calendar"))

    client.force_login(office_user)

    assert "Beheer" in client.get(reverse("trainings:calendar")).content.decode()


def test_made_up_query_parameters_share_one_cached_page(client, django_assert_num_queries):
    TrainingFactory()
    client.get(reverse("trainings:calendar"))

    with django_assert_num_queries(1):  # only the version check: the same cached page
        client.get(reverse("trainings:calendar"), {"utm_source": "nieuwsbrief", "x": "1"})


def test_a_half_filled_colleague_is_named_and_a_complete_one_gets_no_error(client):
    training = TrainingFactory()
    page = client.post(
        reverse("trainings:register", args=[training.pk]),
        form_data(
            **{
                "collega-0-first_name": "Bert",
                "collega-0-last_name": "Claes",
                "collega-0-email": "bert@example.be",
                "collega-1-first_name": "An",
                "collega-1-last_name": "Peeters",
                "collega-4-first_name": "Kaat",
                "collega-4-email": "kaat@",
            }
        ),
    ).content.decode()

    assert "Collega 2 (An Peeters): vul een e-mailadres in." in page
    assert 'href="#id_collega-1-email"' in page
    # An e-mail address that is typed but wrong: its own message, named in the summary.
    assert "Collega 5 (Kaat): vul de familienaam in." in page
    assert "Collega 5 (Kaat): Vul een geldig e-mailadres in." in page
    assert "Collega 1" not in page.split('class="error-summary"')[1].split("</div>")[0]
    assert 'id="id_collega-0-email_error"' not in page
    assert not Registration.objects.exists()


def test_an_error_in_the_first_two_colleagues_keeps_the_further_rows_folded(client):
    training = TrainingFactory()
    page = client.post(
        reverse("trainings:register", args=[training.pk]),
        form_data(**{"collega-1-first_name": "An"}),
    ).content.decode()

    assert "Collega 2 (An): vul de familienaam en een e-mailadres in." in page
    assert "<details open>" not in page


def test_an_unknown_city_in_the_address_says_so_and_shows_all_trainings(client):
    TrainingFactory(title="Basisvorming in Gent")

    page = client.get(reverse("trainings:calendar"), {"city": "Hasselt"}).content.decode()

    assert "Onbekende gemeente: we tonen alle vormingen." in page
    assert "Basisvorming in Gent" in page
    assert 'aria-invalid="true"' not in page and 'class="errorlist"' not in page
