"""Every account logs in with a password and a second factor (TOTP app, or a recovery code)."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.accounts import pending_login
from eigenkracht.accounts.enrolment import enrolment_url
from eigenkracht.accounts.models import Role
from eigenkracht.accounts.policies import needs_second_factor
from eigenkracht.core.models import AuditEntry
from tests.factories import UserFactory
from tests.two_factor import login_verified, totp_code, totp_device

pytestmark = pytest.mark.django_db

PASSWORD = "een-sterk-wachtwoord-42"
LOGIN_URL = reverse("accounts:login")
CODE_URL = reverse("accounts:login_code")
ENROL_URL = reverse("accounts:login_enrol")
HOME_URL = reverse("backoffice:home")


def password_step(client, email="kantoor@example.org", password=PASSWORD, next_url=None):
    url = LOGIN_URL if next_url is None else f"{LOGIN_URL}?next={next_url}"
    data = {"username": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(url, data)


def age_pending_login(client, seconds: float) -> None:
    session = client.session
    state = session[pending_login.SESSION_KEY]
    state["started_at"] -= seconds
    session[pending_login.SESSION_KEY] = state
    session.save()


def follow_enrolment_link(client, user) -> None:
    """What the user does with the link from their mail (see test_enrolment_links.py)."""
    client.get(enrolment_url(user).removeprefix("http://testserver"))


def recovery_codes(user, *codes: str) -> StaticDevice:
    device = StaticDevice.objects.create(user=user, name="Herstelcodes", confirmed=True)
    for code in codes:
        device.token_set.create(token=code)
    return device


@pytest.fixture
def office(db):
    return UserFactory(email="kantoor@example.org", role="office")


@pytest.fixture
def no_throttle(settings):
    """django-otp's waiting time after a wrong code, off: for tests that try several codes."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


# The password alone ----------------------------------------------------------------------------


def test_a_correct_password_alone_does_not_log_in(client, office):
    totp_device(office)

    response = password_step(client)

    assert response["Location"] == CODE_URL
    assert "_auth_user_id" not in client.session
    refused = client.get(HOME_URL)
    assert refused.status_code == 302
    assert refused["Location"].startswith(LOGIN_URL)


@pytest.mark.parametrize("role", Role.values)
def test_every_active_role_needs_a_second_factor(role):
    assert needs_second_factor(UserFactory(role=role))
    assert not needs_second_factor(UserFactory(role=role, is_active=False))


def test_the_code_page_without_a_password_step_goes_back_to_login(client):
    assert client.get(CODE_URL)["Location"] == LOGIN_URL
    assert client.get(ENROL_URL)["Location"] == LOGIN_URL


# Enrolment -------------------------------------------------------------------------------------


def test_an_unfinished_enrolment_never_shows_its_secret_again(client, office):
    """Someone who got past the password once must not learn the secret the user confirms later."""
    follow_enrolment_link(client, office)
    password_step(client)
    first = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', client.get(ENROL_URL).content.decode())[1]

    other = Client()
    follow_enrolment_link(other, office)
    password_step(other)
    second = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', other.get(ENROL_URL).content.decode())[1]

    assert first != second
    assert TOTPDevice.objects.filter(user=office).count() == 1


def test_first_login_enrols_the_app_shows_ten_recovery_codes_once_and_logs_in(client, office):
    follow_enrolment_link(client, office)
    response = password_step(client)
    assert response["Location"] == ENROL_URL

    page = client.get(ENROL_URL)
    html = page.content.decode()
    device = TOTPDevice.objects.get(user=office, confirmed=False)
    assert "<svg" in html and 'class="qr-code"' in html
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', html)[1].replace(" ", "")
    assert TOTP(_b32(secret)).token() == TOTP(device.bin_key).token()  # the same secret
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    reloaded = client.get(ENROL_URL).content.decode()
    assert re.search(r'id="totp-secret">([A-Z2-7 ]+)<', reloaded)[1].replace(" ", "") == secret
    assert TOTPDevice.objects.filter(user=office).count() == 1

    done = client.post(ENROL_URL, {"code": totp_code(device)})

    assert done.status_code == 200
    html = done.content.decode()
    shown = re.findall(r'<li><code class="ogm">([a-z2-7]{4}-[a-z2-7]{4})</code></li>', html)
    assert len(shown) == 10
    stored = set(StaticToken.objects.filter(device__user=office).values_list("token", flat=True))
    assert {code.replace("-", "") for code in shown} == stored
    assert "We tonen ze maar één keer" in html
    assert "no-store" in done["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME_URL).status_code == 200  # logged in and verified
    assert AuditEntry.objects.filter(action="two_factor.enrolled", actor=office).exists()
    # The codes are not shown again: the account page only counts them.
    overview = client.get(reverse("accounts:overview")).content.decode()
    assert "nog 10 ongebruikte herstelcodes" in overview
    assert shown[0] not in overview


def _b32(secret: str) -> bytes:
    from base64 import b32decode

    return b32decode(secret)


def test_a_wrong_code_during_enrolment_confirms_nothing(client, office):
    follow_enrolment_link(client, office)
    password_step(client)
    client.get(ENROL_URL)
    device = TOTPDevice.objects.get(user=office)

    response = client.post(ENROL_URL, {"code": _wrong_code(device)})

    assert "Deze code klopt niet" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticDevice.objects.filter(user=office).exists()
    assert "_auth_user_id" not in client.session


def test_enrolment_gets_more_time_than_the_code_step_but_expires_too(client, office):
    follow_enrolment_link(client, office)
    password_step(client)
    age_pending_login(client, pending_login.PENDING_SECONDS + 60)
    assert "Stel je authenticator-app in" in client.get(ENROL_URL).content.decode()

    age_pending_login(client, pending_login.ENROLMENT_SECONDS)

    response = client.get(ENROL_URL, follow=True)
    assert "duurde te lang en is verlopen" in response.content.decode()


# The code step ---------------------------------------------------------------------------------


def _wrong_code(device) -> str:
    right = totp_code(device)
    return "000000" if right != "000000" else "111111"


def test_a_code_from_the_app_logs_in(client, office):
    device = totp_device(office)
    password_step(client)

    page = client.get(CODE_URL).content.decode()
    response = client.post(CODE_URL, {"code": totp_code(device)})

    assert 'autocomplete="one-time-code"' in page and 'inputmode="numeric"' in page
    assert response["Location"] == HOME_URL
    assert client.get(HOME_URL).status_code == 200
    assert pending_login.SESSION_KEY not in client.session


def test_a_code_with_a_space_in_the_middle_is_accepted(client, office):
    device = totp_device(office)
    password_step(client)
    code = totp_code(device)

    response = client.post(CODE_URL, {"code": f"{code[:3]} {code[3:]}"})

    assert response["Location"] == HOME_URL


def test_a_recovery_code_logs_in_once(client, office):
    totp_device(office)
    recovery_codes(office, "abcd2efg", "hijk3lmn", "opqr4stu", "vwxy5zab")
    password_step(client)

    response = client.post(CODE_URL, {"recovery_code": "ABCD-2EFG"}, follow=True)

    assert response.redirect_chain[-1][0] == HOME_URL
    assert "Je hebt nog 3 herstelcodes" in response.content.decode()
    assert not StaticToken.objects.filter(token="abcd2efg").exists()
    assert AuditEntry.objects.filter(action="two_factor.recovery_code_used").exists()

    again = Client()
    password_step(again)
    refused = again.post(CODE_URL, {"recovery_code": "abcd2efg"})
    assert "Deze code klopt niet" in refused.content.decode()
    assert "_auth_user_id" not in again.session


def test_a_wrong_code_gets_a_dutch_message_and_does_not_log_in(client, office, no_throttle):
    device = totp_device(office)
    password_step(client)

    response = client.post(CODE_URL, {"code": _wrong_code(device)})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Deze code klopt niet." in html
    assert "Je hebt nog 4 pogingen." in html
    assert "_auth_user_id" not in client.session


def test_something_that_is_not_a_code_is_explained(client, office):
    totp_device(office)
    password_step(client)

    response = client.post(CODE_URL, {"code": "12ab"})

    assert "Een code bestaat uit zes cijfers" in response.content.decode()


def test_after_a_wrong_code_the_next_try_must_wait(client, office):
    device = totp_device(office)
    password_step(client)
    client.post(CODE_URL, {"code": _wrong_code(device)})

    response = client.post(CODE_URL, {"code": totp_code(device)})  # at once: throttled

    assert "Wacht 1 seconde" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_wrong_codes_start_the_login_over(client, office, no_throttle):
    device = totp_device(office)
    password_step(client)
    wrong = _wrong_code(device)
    for _ in range(pending_login.MAX_CODE_ATTEMPTS - 1):
        client.post(CODE_URL, {"code": wrong})

    response = client.post(CODE_URL, {"code": wrong}, follow=True)

    assert response.redirect_chain[-1][0] == LOGIN_URL
    assert "te vaak een foute code" in response.content.decode()
    assert client.post(CODE_URL, {"code": totp_code(device)})["Location"] == LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_the_pending_login_expires_after_five_minutes(client, office):
    device = totp_device(office)
    password_step(client, next_url="/beheer/outbox/")
    age_pending_login(client, pending_login.PENDING_SECONDS + 1)

    response = client.post(CODE_URL, {"code": totp_code(device)}, follow=True)

    assert "duurde te lang en is verlopen" in response.content.decode()
    assert response.redirect_chain[-1][0] == f"{LOGIN_URL}?next=/beheer/outbox/"
    assert "_auth_user_id" not in client.session


# Where you land --------------------------------------------------------------------------------


def test_next_is_followed_after_the_second_factor(client, office):
    device = totp_device(office)
    login_page = client.get(f"{LOGIN_URL}?next=/beheer/outbox/").content.decode()
    assert 'name="next" value="/beheer/outbox/"' in login_page

    password_step(client, next_url="/beheer/outbox/")
    response = client.post(CODE_URL, {"code": totp_code(device)})

    assert response["Location"] == "/beheer/outbox/"


def test_a_next_to_another_site_is_ignored(client, office):
    device = totp_device(office)

    password_step(client, next_url="https://evil.example/")
    response = client.post(CODE_URL, {"code": totp_code(device)})

    assert response["Location"] == HOME_URL


def test_a_referrer_without_next_lands_on_their_trajectories(client):
    device = totp_device(UserFactory(email="aanmelder@example.org", role="referrer"))

    password_step(client, email="aanmelder@example.org")
    response = client.post(CODE_URL, {"code": totp_code(device)})

    assert response["Location"] == reverse("trajectories:list")
    assert client.get(response["Location"]).status_code == 200


def test_a_verified_session_skips_the_login_page(client, office):
    login_verified(client, office)

    assert client.get(LOGIN_URL)["Location"] == HOME_URL


# Back office and second_factor_required -------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("backoffice:home"),
        reverse("backoffice:outbox"),
        reverse("accounts_backoffice:token_list"),
        reverse("trainings_backoffice:training_list"),
        reverse("accounts:overview"),
    ],
)
def test_a_session_without_the_second_factor_is_sent_to_login(client, office, url):
    client.force_login(office)  # password only, as before this feature

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={url}"
    # The login page then shows its form instead of bouncing back.
    assert client.get(response["Location"]).status_code == 200


def test_second_factor_required_decorator(rf, office):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from eigenkracht.accounts.two_factor import second_factor_required

    @second_factor_required
    def view(request):
        return HttpResponse("binnen")

    anonymous = rf.get("/trajecten/")
    anonymous.user = AnonymousUser()
    unverified = rf.get("/trajecten/")
    unverified.user = office
    office.is_verified = lambda: False
    verified = rf.get("/trajecten/")
    verified.user = UserFactory(role="coordinator")
    verified.user.is_verified = lambda: True

    assert view(anonymous)["Location"] == f"{LOGIN_URL}?next=/trajecten/"
    assert view(unverified)["Location"] == f"{LOGIN_URL}?next=/trajecten/"
    assert view(verified).content == b"binnen"


# The account page and new recovery codes -------------------------------------------------------


def test_the_account_page_counts_codes_and_makes_new_ones(client, office):
    login_verified(client, office)
    recovery_codes(office, "abcd2efg", "hijk3lmn")

    page = client.get(reverse("accounts:overview")).content.decode()
    assert "Je hebt nog 2 ongebruikte herstelcodes." in page
    assert "Maak nieuwe aan voor ze op zijn." in page

    response = client.post(reverse("accounts:recovery_codes"))

    html = response.content.decode()
    shown = re.findall(r'<code class="ogm">([a-z2-7]{4}-[a-z2-7]{4})</code>', html)
    assert len(shown) == 10
    assert "Je vorige herstelcodes werken niet meer." in html
    assert not StaticToken.objects.filter(token="abcd2efg").exists()
    assert StaticToken.objects.filter(device__user=office).count() == 10
    entry = AuditEntry.objects.get(action="two_factor.recovery_codes_generated")
    assert entry.actor == office
    assert not any(code.replace("-", "") in str(entry.data) for code in shown)
    assert client.get(reverse("accounts:recovery_codes"))["Location"] == reverse(
        "accounts:overview"
    )


def test_new_recovery_codes_need_a_verified_session(client, office):
    client.force_login(office)

    response = client.post(reverse("accounts:recovery_codes"))

    assert response.status_code == 302
    assert not StaticDevice.objects.filter(user=office).exists()


# Managers reset someone's second factor ---------------------------------------------------------


def test_a_manager_resets_a_second_factor_audited_and_the_user_enrols_again(
    client, manager_user, office
):
    device = totp_device(office)
    recovery_codes(office, "abcd2efg")
    office_session = Client()
    login_verified(office_session, office)
    assert office_session.get(HOME_URL).status_code == 200
    login_verified(client, manager_user)

    listing = client.get(reverse("accounts:user_list")).content.decode()
    reset_url = reverse("accounts:user_second_factor_reset", args=[office.pk])
    assert "kantoor@example.org" in listing and reset_url in listing
    assert "Tweede factor van" in client.get(reset_url).content.decode()
    response = client.post(reset_url, follow=True)

    assert "is gewist" in response.content.decode()
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=office).exists()
    entry = AuditEntry.objects.get(action="two_factor.reset")
    assert entry.actor == manager_user
    assert entry.object_id == str(office.pk)
    # The open session of that user is no longer verified, and the next login enrols again.
    assert office_session.get(HOME_URL)["Location"].startswith(LOGIN_URL)
    assert password_step(Client())["Location"] == ENROL_URL


def test_only_managers_reset_and_not_their_own(client, office, manager_user):
    totp_device(manager_user)
    login_verified(client, office)
    office_reset = client.post(reverse("accounts:user_second_factor_reset", args=[manager_user.pk]))
    assert office_reset.status_code == 403
    assert client.get(reverse("accounts:user_list")).status_code == 403

    login_verified(client, manager_user)
    own = client.post(reverse("accounts:user_second_factor_reset", args=[manager_user.pk]))
    assert own.status_code == 404
    assert TOTPDevice.objects.filter(user=manager_user).exists()
    assert not AuditEntry.objects.filter(action="two_factor.reset").exists()


def test_the_user_list_takes_a_fixed_number_of_queries(
    client, manager_user, django_assert_max_num_queries
):
    login_verified(client, manager_user)
    for n in range(5):
        user = UserFactory()
        totp_device(user)
        recovery_codes(user, f"abcd{n}efg")

    with django_assert_max_num_queries(8):
        response = client.get(reverse("accounts:user_list"))

    assert response.content.decode().count("Ingesteld") == 6


def test_a_password_only_session_is_ended_by_the_password_step(client, office):
    device = totp_device(office)
    client.force_login(office)  # password only, as before this feature

    password_step(client)

    assert "_auth_user_id" not in client.session
    client.post(CODE_URL, {"code": totp_code(device)})
    assert client.get(HOME_URL).status_code == 200


def test_a_recovery_code_typed_in_the_main_field_works_too(client, office):
    totp_device(office)
    recovery_codes(office, "abcd2efg")
    password_step(client)

    response = client.post(CODE_URL, {"code": "abcd 2efg"})

    assert response["Location"] == HOME_URL
    assert not StaticToken.objects.exists()
