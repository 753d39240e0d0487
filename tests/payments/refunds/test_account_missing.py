"""A refund without an account number says why, where the office sees it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from eigenkracht.payments.models import Refund
from eigenkracht.payments.refunds.services import RefundSpec, refunds_create
from eigenkracht.privacy.anonymise import refunds_anonymise, registrations_anonymise
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


def refund_without_account(registration=None) -> Refund:
    (refund,) = refunds_create(
        specs=[RefundSpec(cause=Refund.Cause.SURPLUS, amount_cents=500, registration=registration)],
        actor=None,
    )
    return refund


def shown(office_client, refund: Refund) -> tuple[str, str]:
    detail = office_client.get(reverse("payments_backoffice:refund_detail", args=[refund.pk]))
    listed = office_client.get(reverse("payments_backoffice:refund_list"))
    return detail.content.decode(), listed.content.decode()


def test_the_registrant_asked_for_it_is_named_with_the_date(office_client):
    refund = refund_without_account(RegistrationFactory())

    detail, listed = shown(office_client, refund)

    asked = f"gevraagd aan de deelnemer op {timezone.localtime(refund.iban_asked_at):%d/%m/%Y}"
    assert f"Rekeningnummer ontbreekt ({asked})" in detail
    assert asked in listed


def test_a_registration_made_anonymous_after_it_was_asked_has_nobody_left_to_ask(office_client):
    registration = RegistrationFactory()
    refund = refund_without_account(registration)
    registrations_anonymise([registration.pk])

    detail, listed = shown(office_client, refund)

    why = "niemand meer te vragen: de inschrijving werd anoniem gemaakt"
    assert f"Rekeningnummer ontbreekt ({why})" in detail
    assert why in listed
    assert "gevraagd aan de deelnemer" not in detail


def test_an_account_erased_after_the_refund_went_out_says_so(office_client):
    refund = refund_without_account(RegistrationFactory())
    Refund.objects.filter(pk=refund.pk).update(
        status=Refund.Status.DONE, payee_iban="BE71096123456769"
    )
    refunds_anonymise([refund.pk])

    detail, _ = shown(office_client, refund)

    assert "Rekeningnummer ontbreekt (gewist na de bewaartermijn)" in detail
    assert "niemand" not in detail
