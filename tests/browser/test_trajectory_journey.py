"""A professional refers a family; the office accepts it and assigns a coordinator; the coordinator
plans the conference, records who came and the plan; the referrer accepts the plan."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from eigenkracht.accounts.models import User
from eigenkracht.core.models import Sector
from eigenkracht.trajectories.models import Trajectory
from tests.browser.menu import open_menu
from tests.factories import UserFactory
from tests.trajectories.factories import CoordinatorFactory
from tests.two_factor import browser_log_in, totp_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "een-sterk-wachtwoord-42"


def log_out(page) -> None:
    open_menu(page)
    page.get_by_role("button", name="Uitloggen").click()


def test_referral_to_accepted_plan(page, live_server):
    office = UserFactory(email="kantoor@example.org", role="office", password=PASSWORD)
    coordinator = CoordinatorFactory(
        user__email="fatima@example.org",
        user__first_name="Fatima",
        user__last_name="Benali",
        user__password=PASSWORD,
        languages=["nl", "ar"],
        gender="female",
    )

    # The sectors the office offers (a transactional test starts without the seeded rows).
    for name in ("CAW", "CLB", "OCMW"):
        Sector.objects.get_or_create(name=name)
    # A social worker refers the family on the public form, on her phone.
    page.goto(f"{live_server.url}/aanmelden/")
    page.get_by_label("Professional").check()
    page.get_by_label("Je naam").fill("Inge Maes")
    page.get_by_label("E-mailadres").fill("inge.maes@example.be")
    page.get_by_label("Sector", exact=True).select_option(label="CAW")
    page.get_by_label("Naam", exact=True).first.fill("Sarah Janssens")
    page.get_by_label("of geboortejaar").first.fill("1988")
    page.get_by_label("Postcode waar het gezin woont").fill("9000")
    page.get_by_label("Opvoeding").check()
    page.get_by_label("Vraagstelling").fill("Hoe gaat Emma weer elke dag naar school?")
    page.get_by_label("Zorgen").fill("Emma is al weken niet naar school geweest.")
    page.get_by_label("Grenzen").fill("Er is elke avond een volwassene thuis.")
    page.get_by_label("Taal van de coördinator").select_option("ar")
    page.get_by_role("button", name="Aanmelding versturen").click()
    without_consent = page.get_by_role("link", name="Zonder toestemming van het gezin kunnen we")
    expect(without_consent).to_be_visible()
    page.get_by_label("Het gezin weet van deze aanmelding en gaat ermee akkoord.").check()
    page.get_by_label("Wanneer gaf het gezin toestemming?").fill(timezone.localdate().isoformat())
    page.get_by_label("Schriftelijk").check()
    page.get_by_role("button", name="Aanmelding versturen").click()
    assert page.get_by_role("heading", name="Bedankt, je aanmelding is ontvangen").is_visible()
    trajectory = Trajectory.objects.get()
    assert trajectory.reference in page.content()

    # The office accepts it at intake and assigns the coordinator who speaks Arabic.
    page.goto(f"{live_server.url}/trajecten/aanmeldingen/")
    browser_log_in(page, email=office.email, password=PASSWORD, device=totp_device(office))
    page.get_by_role("link", name=re.compile("Sarah Janssens")).click()
    page.get_by_role("button", name="Aanvaarden en coördinator zoeken").click()
    assert page.get_by_text("spreekt arabisch, zoals gevraagd").is_visible()
    page.get_by_label("Fatima Benali").check()
    page.get_by_role("button", name="Toewijzen").click()
    assert page.get_by_text("Coördinator toegewezen").first.is_visible()
    log_out(page)

    # The coordinator prepares: starts, adds the grandmother, plans the conference for today.
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/")
    browser_log_in(
        page, email=coordinator.user.email, password=PASSWORD, device=totp_device(coordinator.user)
    )
    page.get_by_role("button", name="Start de voorbereiding").click()
    page.get_by_role("link", name="Deelnemers").click()
    page.get_by_label("Naam", exact=True).fill("Oma Rita")
    page.get_by_label("Rol").select_option("family")
    page.get_by_role("button", name="Deelnemer toevoegen").click()
    assert page.get_by_role("cell", name="Oma Rita").first.is_visible()
    page.get_by_role("link", name="Conferentie").click()
    page.get_by_label("Datum").fill(timezone.localdate().isoformat())
    page.get_by_label("Beginuur").fill("18:30")
    page.get_by_label("Plaats").fill("Buurthuis De Vonk")
    page.get_by_label("Adres").fill("Vonkstraat 3, 9000 Gent")
    page.get_by_role("button", name="Conferentie plannen").click()
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.CONFERENCE_PLANNED

    # On the evening itself: who was there, and the family's plan.
    page.get_by_role("link", name="Aanwezigheden noteren").click()
    for name in ("Sarah Janssens", "Oma Rita"):
        group = page.get_by_role("group", name=re.compile(name))
        group.get_by_label("Informatieronde").check()
        group.get_by_label("Besloten gedeelte (familietijd)").check()
        group.get_by_label("Voorstelling van het plan").check()
    page.get_by_label("Duur van het besloten gedeelte, in minuten").fill("150")
    page.get_by_role("button", name="Aanwezigheden bewaren").click()
    page.get_by_role("link", name="Plan").click()
    first = page.get_by_role("group", name="Afspraak 1")
    first.get_by_label("Wat").fill("Oma Rita brengt Emma elke ochtend naar school.")
    first.get_by_role("group", name="Wie", exact=True).get_by_label("Oma Rita").check()
    first.get_by_label("Tegen wanneer").fill("elke schooldag, vanaf maandag")
    page.get_by_label("Evaluatiedatum").fill(
        (timezone.localdate() + dt.timedelta(days=42)).isoformat()
    )
    page.get_by_role("button", name="Plan bewaren").click()
    page.get_by_role("button", name="Plan voorstellen aan de aanmelder").click()
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.PLAN_MADE
    log_out(page)

    # The referrer reads the plan against her limits and accepts it.
    referrer = User.objects.get(email="inge.maes@example.be")
    referrer.set_password(PASSWORD)
    referrer.save()
    page.goto(f"{live_server.url}/trajecten/{trajectory.pk}/plan/")
    browser_log_in(page, email=referrer.email, password=PASSWORD, device=totp_device(referrer))
    assert page.get_by_text("Er is elke avond een volwassene thuis.").first.is_visible()
    assert page.get_by_text("Oma Rita brengt Emma elke ochtend naar school.").is_visible()
    page.get_by_role("button", name="Plan aanvaarden").click()
    trajectory.refresh_from_db()
    assert trajectory.status == Trajectory.Status.FOLLOW_UP
    assert trajectory.plans.get().accepted_by == referrer
