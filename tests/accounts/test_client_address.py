"""Behind nginx every request comes from 127.0.0.1: throttling keys on the address in
X-Forwarded-For that our own proxy wrote, never on one the client chose. A lock only holds for
the address the failures came from, and a manager sees and lifts it."""

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from eigenkracht.core.http import client_ip
from eigenkracht.core.models import AuditEntry
from tests.factories import UserFactory
from tests.two_factor import login_verified, totp_device

PASSWORD = "een-sterk-wachtwoord-42"
LOGIN_URL = reverse("accounts:login")
ATTACKER = "198.51.100.66"
VICTIM = "203.0.113.9"


@pytest.fixture
def behind_nginx(settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 1


def address(rf, forwarded_for=None, **meta):
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", **meta))


@pytest.mark.usefixtures("behind_nginx")
def test_the_address_nginx_wrote_counts_not_one_the_client_put_in_front(rf):
    assert address(rf, VICTIM) == VICTIM  # nginx overwrote the header
    assert address(rf, f"{VICTIM}, {ATTACKER}") == ATTACKER  # nginx appended to a forged one
    assert address(rf, f"unknown, 10.1.2.3, {ATTACKER}") == ATTACKER


@pytest.mark.usefixtures("behind_nginx")
def test_without_a_usable_header_the_peer_address_counts(rf):
    assert address(rf) == "127.0.0.1"
    assert address(rf, "nonsense") == "127.0.0.1"


def test_with_two_proxies_the_second_entry_from_the_right_counts(rf, settings):
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    settings.TRUSTED_PROXY_COUNT = 2  # a load balancer in front of nginx

    assert address(rf, f"{VICTIM}, {ATTACKER}, 10.0.0.2") == ATTACKER
    assert address(rf, ATTACKER) == "127.0.0.1"  # did not come through the load balancer


def test_without_a_proxy_a_forwarded_header_is_ignored(rf):
    assert address(rf, VICTIM) == "127.0.0.1"


@pytest.mark.usefixtures("behind_nginx")
def test_login_throttling_uses_the_same_address(rf):
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=f"{VICTIM}, {ATTACKER}")

    assert get_client_ip_address(request) == client_ip(request) == ATTACKER


def wrong_password(client, forwarded_for, email="kantoor@example.org", password="fout"):  # noqa: S107
    return client.post(
        LOGIN_URL, {"username": email, "password": password}, HTTP_X_FORWARDED_FOR=forwarded_for
    )


@pytest.mark.django_db
@pytest.mark.usefixtures("behind_nginx")
def test_failures_from_one_address_do_not_lock_the_victim_out_elsewhere(settings):
    totp_device(UserFactory(email="kantoor@example.org", role="office"))
    attacker = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        # Even naming the victim's address as the first hop does not make it theirs.
        wrong_password(attacker, f"{VICTIM}, {ATTACKER}")

    locked = wrong_password(attacker, ATTACKER, password=PASSWORD)
    victim = wrong_password(Client(), VICTIM, password=PASSWORD)

    assert locked.status_code == 429
    assert victim["Location"] == reverse("accounts:login_code")


@pytest.fixture
def locked_out(db, settings, behind_nginx):
    user = UserFactory(email="kantoor@example.org", role="office")
    totp_device(user)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong_password(Client(), ATTACKER)
    return user


def test_a_manager_sees_the_lock_and_lifts_it_after_confirming(client, manager_user, locked_out):
    login_verified(client, manager_user)

    listing = client.get(reverse("accounts:user_list")).content.decode()

    assert "Geblokkeerd voor inloggen" in listing
    assert f"<code>{ATTACKER}</code>" in listing
    lock_id = AccessAttempt.objects.get(username="kantoor@example.org").pk
    lift_url = reverse("accounts:lock_lift", args=[lock_id])
    assert lift_url in listing
    confirm = client.get(lift_url).content.decode()
    assert "Blokkering opheffen?" in confirm and ATTACKER in confirm
    assert AccessAttempt.objects.exists()  # a GET lifts nothing

    response = client.post(lift_url, follow=True)

    html = response.content.decode()
    assert f"kantoor@example.org kan vanaf {ATTACKER} weer inloggen" in html
    assert "Niemand is nu geblokkeerd voor inloggen." in html
    entry = AuditEntry.objects.get(action="login_lock.lifted")
    assert entry.actor == manager_user and entry.object_id == str(locked_out.pk)
    assert entry.data["locked_address"] == ATTACKER
    again = wrong_password(Client(), ATTACKER, password=PASSWORD)
    assert again["Location"] == reverse("accounts:login_code")


def test_a_lifted_or_expired_lock_gets_a_message(client, manager_user, locked_out):
    login_verified(client, manager_user)
    lock_id = AccessAttempt.objects.get().pk
    AccessAttempt.objects.all().delete()

    response = client.post(reverse("accounts:lock_lift", args=[lock_id]), follow=True)

    assert "Deze blokkering is al opgeheven of verlopen." in response.content.decode()
    assert not AuditEntry.objects.filter(action="login_lock.lifted").exists()


def test_office_staff_cannot_lift_locks(client, office_user, locked_out):
    login_verified(client, office_user)
    lock_id = AccessAttempt.objects.get().pk

    assert client.post(reverse("accounts:lock_lift", args=[lock_id])).status_code == 403
    assert AccessAttempt.objects.exists()


def test_a_new_password_from_the_mailed_link_lifts_the_lock_as_the_lock_page_says(locked_out):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    locked = Client(HTTP_X_FORWARDED_FOR=ATTACKER)
    page = locked.post(
        reverse("accounts:login"), {"username": "kantoor@example.org", "password": "fout"}
    )
    assert "vraag een nieuw wachtwoord aan" in page.content.decode()
    uidb64 = urlsafe_base64_encode(force_bytes(locked_out.pk))
    token = default_token_generator.make_token(locked_out)
    new = "een-nieuw-sterk-wachtwoord-88"

    chosen = locked.get(
        reverse("accounts:password_reset_confirm", args=[uidb64, token]), follow=True
    )
    locked.post(chosen.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})

    assert not AccessAttempt.objects.exists()
    response = locked.post(
        reverse("accounts:login"), {"username": "kantoor@example.org", "password": new}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="user.password_reset").exists()
