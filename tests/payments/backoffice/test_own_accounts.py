"""A manager lists the organisation's bank accounts; office staff read the list."""

import pytest
from django.urls import reverse

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments.models import OwnAccount
from tests.fixtures_gen.accounts import OTHER_BELGIAN_ACCOUNT

pytestmark = pytest.mark.django_db

LIST = reverse("payments_backoffice:own_account_list")
CREATE = reverse("payments_backoffice:own_account_create")


def test_a_manager_adds_an_account_written_with_spaces(manager_client, manager_user):
    response = manager_client.post(
        CREATE, {"iban": "be56 3631 2345 6788", "label": "Spaarrekening"}
    )

    assert response.url == LIST
    account = OwnAccount.objects.get()
    assert (account.iban, account.label, account.created_by) == (
        OTHER_BELGIAN_ACCOUNT,
        "Spaarrekening",
        manager_user,
    )
    page = manager_client.get(LIST).content.decode()
    assert "BE56 3631 2345 6788 staat nu bij onze rekeningen." in page
    assert "BE68 5390 0754 7034" in page  # the one on the payment instructions, always ours
    entry = AuditEntry.objects.get(action="own_account.created")
    assert entry.actor == manager_user
    assert entry.data == {"iban": OTHER_BELGIAN_ACCOUNT, "label": "Spaarrekening"}


@pytest.mark.parametrize(
    ("iban", "message"),
    [
        ("BE56 3631 2345 6789", "Dit is geen geldig IBAN-rekeningnummer."),
        ("", "Vul het rekeningnummer (IBAN) in."),
        ("BE56363123456788", "Deze rekening staat al bij onze rekeningen."),
        ("onze rekening", "Dit is geen geldig IBAN-rekeningnummer."),
        ("BE68 5390 0754 7034", "Dit is al een van onze rekeningen: de rekening op de"),
    ],
)
def test_a_wrong_or_known_iban_gets_a_clear_message(manager_client, iban, message):
    OwnAccount.objects.create(iban=OTHER_BELGIAN_ACCOUNT)

    response = manager_client.post(CREATE, {"iban": iban, "label": ""})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert OwnAccount.objects.count() == 1


def test_a_manager_changes_and_removes_an_account(manager_client):
    account = OwnAccount.objects.create(iban=OTHER_BELGIAN_ACCOUNT, label="Oud")
    edit = reverse("payments_backoffice:own_account_edit", args=[account.pk])
    assert "BE56 3631 2345 6788" in manager_client.get(edit).content.decode()

    manager_client.post(edit, {"iban": OTHER_BELGIAN_ACCOUNT, "label": "Vormingen"})
    account.refresh_from_db()
    assert account.label == "Vormingen"
    changed = AuditEntry.objects.get(action="own_account.changed")
    assert changed.data["before"]["label"] == "Oud"

    manager_client.post(reverse("payments_backoffice:own_account_delete", args=[account.pk]))

    assert not OwnAccount.objects.exists()
    assert AuditEntry.objects.filter(action="own_account.deleted").exists()


def test_office_staff_see_our_accounts_but_cannot_change_them(office_client):
    account = OwnAccount.objects.create(iban=OTHER_BELGIAN_ACCOUNT, label="Spaarrekening")

    page = office_client.get(LIST).content.decode()

    assert "BE56 3631 2345 6788" in page and "Spaarrekening" in page
    assert "Een rekening toevoegen" not in page
    assert office_client.post(CREATE, {"iban": "BE43068999999501"}).status_code == 403
    delete = reverse("payments_backoffice:own_account_delete", args=[account.pk])
    assert office_client.post(delete).status_code == 403
    edit = reverse("payments_backoffice:own_account_edit", args=[account.pk])
    assert office_client.get(edit).status_code == 403
    assert OwnAccount.objects.count() == 1
