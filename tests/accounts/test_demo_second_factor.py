"""The demo users log in with a second factor whose secret and recovery codes are documented."""

import io
from base64 import b32decode

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eigenkracht.backoffice.management.commands.demo_data import (
    DEMO_RECOVERY_CODES,
    DEMO_TOTP_SECRET,
    DEMO_USERS,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_output(settings) -> str:
    settings.DEBUG = True
    out = io.StringIO()
    call_command("demo_data", stdout=out)
    return out.getvalue()


def test_every_demo_user_has_the_documented_secret_and_recovery_codes(demo_output):
    for demo in DEMO_USERS:
        device = TOTPDevice.objects.get(user__email=demo.email, confirmed=True)
        assert device.key == b32decode(DEMO_TOTP_SECRET).hex()
        tokens = StaticToken.objects.filter(device__user__email=demo.email)
        assert sorted(tokens.values_list("token", flat=True)) == sorted(DEMO_RECOVERY_CODES)
    assert demo_output.count(f"TOTP-sleutel {DEMO_TOTP_SECRET}") == len(DEMO_USERS)
    assert "demo1111" in demo_output


def test_a_second_run_adds_no_devices_and_gives_used_up_codes_back(demo_output, settings):
    first, second = DEMO_USERS[0].email, DEMO_USERS[1].email
    StaticToken.objects.filter(device__user__email=first).delete()  # all used up
    StaticToken.objects.filter(device__user__email=second, token="demo1111").delete()
    before = TOTPDevice.objects.count()

    out = io.StringIO()
    call_command("demo_data", stdout=out)

    assert TOTPDevice.objects.count() == before
    assert StaticToken.objects.filter(device__user__email=first).count() == 5
    assert StaticToken.objects.filter(device__user__email=second).count() == 4  # left alone
    assert "herstelcodes: demo2222, demo3333, demo4444, demo5555" in out.getvalue()


def test_a_demo_user_logs_in_with_a_code_from_the_documented_secret(client, demo_output):
    demo = DEMO_USERS[0]
    client.post(reverse("accounts:login"), {"username": demo.email, "password": demo.password})

    code = f"{TOTP(b32decode(DEMO_TOTP_SECRET)).token():06d}"
    response = client.post(reverse("accounts:login_code"), {"code": code})

    assert response.status_code == 302
    assert client.get(reverse("accounts:overview")).status_code == 200
