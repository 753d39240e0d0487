"""Someone applies to become a coordinator; the office moves them through the steps and makes
their account."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.accounts.models import Role
from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers import services
from eigenkracht.volunteers.models import Application, Volunteer
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory
from tests.two_factor import login_verified
from tests.volunteers.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
URL = reverse("volunteers_public:apply")


def form_data(**overrides):
    data = {
        "name": "Lotte Janssens",
        "email": "lotte@example.org",
        "phone": "0470 12 34 56",
        "languages": ["nl", "fr"],
        "postcode": "9000",
        "region": "Gent en omstreken",
        "availability": "Woensdagnamiddag",
        "motivation": "Ik wil gezinnen helpen.",
        "consent": "on",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_the_page_shows_the_editable_text_and_the_form(client):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Wat doet een EK-coördinator?" in content
    assert "Kandidatuur versturen" in content


def test_an_application_lands_in_the_pipeline_with_two_mails(client):
    response = client.post(URL, form_data())
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.step == Application.Step.APPLIED
    assert application.languages == ["nl", "fr"]
    assert [s.step for s in application.steps.all()] == ["applied"]
    kinds = sorted(OutboxMessage.objects.values_list("kind", flat=True))
    assert kinds == ["volunteer_application_new", "volunteer_application_received"]
    assert OutboxMessage.objects.get(kind="volunteer_application_received").recipient == (
        "lotte@example.org"
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": None}, "Zonder je toestemming kunnen we je kandidatuur niet bewaren."),
        ({"postcode": "123"}, "Vul een Belgische postcode in"),
        ({"email": "geen-adres"}, "e-mailadres"),
        ({"languages": None}, "Kies minstens één taal."),
        ({"motivation": ""}, "Dit veld is verplicht."),
        ({"phone": "abc"}, "minstens 9 cijfers"),
    ],
)
def test_bad_input_answers_200_with_the_error_and_writes_nothing(client, overrides, message):
    response = client.post(URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_bot_filling_the_hidden_field_is_thanked_and_nothing_is_stored(client):
    response = client.post(URL, form_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not Application.objects.exists()


def test_many_applications_from_one_address_are_refused(client, settings):
    settings.REFERRAL_BURST_LIMIT = 1
    client.post(URL, form_data())
    response = client.post(URL, form_data(email="tweede@example.org"))
    assert response.status_code == 200
    assert "al veel kandidaturen" in response.content.decode()
    assert Application.objects.count() == 1


def test_the_office_moves_an_application_step_by_step_with_dates_and_notes(office_client):
    application = ApplicationFactory()
    url = reverse("volunteers:application", args=[application.pk])
    today = timezone.localdate().isoformat()
    response = office_client.post(url, {"step": "intake", "on": today, "note": "Gesprek op 3/5"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.step == "intake"
    assert application.steps.last().note == "Gesprek op 3/5"
    entry = AuditEntry.objects.get(action="volunteer_application.moved")
    assert entry.data["from"] == "applied" and entry.data["to"] == "intake"
    assert entry.object_repr == ""  # the log keeps ids, not people


def test_stopping_needs_the_reason(office_client):
    application = ApplicationFactory(step="intake")
    url = reverse("volunteers:application", args=[application.pk])
    today = timezone.localdate().isoformat()
    response = office_client.post(url, {"step": "stopped", "on": today, "note": " "})
    assert response.status_code == 200
    assert "Schrijf waarom de kandidaat stopt." in response.content.decode()
    application.refresh_from_db()
    assert application.step == "intake"
    office_client.post(url, {"step": "stopped", "on": today, "note": "Geen tijd"})
    application.refresh_from_db()
    assert (application.step, application.stop_reason) == ("stopped", "Geen tijd")


def test_a_step_the_pipeline_does_not_allow_is_not_offered_nor_made(office_client):
    application = ApplicationFactory()
    url = reverse("volunteers:application", args=[application.pk])
    today = timezone.localdate().isoformat()
    response = office_client.post(url, {"step": "active", "on": today})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.step == "applied"


def test_a_step_before_the_previous_one_is_refused(office_client):
    application = ApplicationFactory(step_on=timezone.localdate())
    url = reverse("volunteers:application", args=[application.pk])
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = office_client.post(url, {"step": "intake", "on": yesterday})
    assert "De vorige stap was op" in response.content.decode()


def test_an_accepted_applicant_gets_a_coordinator_account_through_the_invitation(office_client):
    application = ApplicationFactory(step="training", name="Lotte Janssens", postcode="9050")
    response = office_client.post(reverse("volunteers:application_account", args=[application.pk]))
    assert response.status_code == 302
    coordinator = Coordinator.objects.get(user__email=application.email)
    assert coordinator.user.role == Role.COORDINATOR
    assert (coordinator.user.first_name, coordinator.user.last_name) == ("Lotte", "Janssens")
    assert not coordinator.user.has_usable_password()
    assert coordinator.postcodes == ["9050"]
    assert Volunteer.objects.filter(pk=coordinator.pk).exists()
    assert OutboxMessage.objects.filter(kind="coordinator_welcome").count() == 1
    application.refresh_from_db()
    assert application.coordinator == coordinator
    again = office_client.post(
        reverse("volunteers:application_account", args=[application.pk]), follow=True
    )
    assert "Deze kandidaat heeft al een account." in again.content.decode()
    assert Coordinator.objects.count() == 1


def test_an_applicant_still_at_the_intake_gets_no_account(office_client):
    application = ApplicationFactory(step="intake")
    office_client.post(reverse("volunteers:application_account", args=[application.pk]))
    assert not Coordinator.objects.exists()


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.REFERRER, Role.TRAINER])
def test_other_roles_get_404(client, role):
    application = ApplicationFactory()
    login_verified(client, UserFactory(role=role))
    for url in [
        reverse("volunteers:applications"),
        reverse("volunteers:application", args=[application.pk]),
        reverse("volunteers:modules"),
        reverse("volunteers:intervisions"),
        reverse("volunteers:settings"),
    ]:
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("volunteers:application_account", args=[application.pk])).status_code
        == 404
    )


def test_the_pipeline_list_counts_each_step(office_client, django_assert_max_num_queries):
    for step in ["applied", "applied", "intake", "stopped"]:
        ApplicationFactory(step=step)
    with django_assert_max_num_queries(20):
        page = office_client.get(reverse("volunteers:applications"), {"stap": "applied"})
    content = page.content.decode()
    assert "Kandidaat gesteld (2)" in content and "Intakegesprek (1)" in content
    assert len(page.context["page_obj"].object_list) == 2


def test_a_paused_or_stopped_coordinator_is_not_proposed_and_a_stop_can_be_undone(office_user):
    coordinator = CoordinatorFactory()
    application = ApplicationFactory(step=Application.Step.ACTIVE, coordinator=coordinator)
    today = timezone.localdate()

    def move(step, note=""):
        services.application_move(
            application=application, step=step, on=today, note=note, actor=office_user
        )
        coordinator.refresh_from_db()
        application.refresh_from_db()

    move(Application.Step.PAUSED)
    assert coordinator.available is False
    move(Application.Step.ACTIVE)
    assert coordinator.available is True
    move(Application.Step.STOPPED, note="Verhuisd")
    assert (coordinator.available, application.stop_reason) == (False, "Verhuisd")
    move(Application.Step.INTAKE, note="Toch terug")
    assert (coordinator.available, application.stop_reason) == (False, "")  # not until active
