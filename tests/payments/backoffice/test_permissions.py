"""Only office staff and managers reach the bank statements back office."""

import pytest
from django.urls import reverse

from eigenkracht.payments.models import BankTransaction, OwnAccount, StatementImport

pytestmark = pytest.mark.django_db

PAGES = [
    ("import_list", None),
    ("import_upload", None),
    ("import_detail", "import"),
    ("import_progress", "import"),
    ("import_undo", "import"),
    ("import_mapping", "import"),
    ("review_queue", None),
    ("transaction_detail", "transaction"),
    ("transaction_dismiss", "transaction"),
    ("own_account_list", None),
    ("own_account_edit", "own_account"),
]
POSTS = [
    ("import_retry", "import"),
    ("import_other_account", "import"),
    ("transaction_assign", "transaction"),
    ("own_account_create", None),
    ("own_account_delete", "own_account"),
]


@pytest.fixture
def objects():
    upload = StatementImport.objects.create(
        filename="uittreksel.cod", content=b"x", sha256="0" * 64, status="done"
    )
    transaction = BankTransaction.objects.create(
        statement_import=upload,
        account="BE68539007547034",
        bank_id="001/0001",
        booking_date="2027-01-04",
        amount_cents=2000,
        result="review",
    )
    own_account = OwnAccount.objects.create(iban="BE56363123456788")
    return {"import": upload.pk, "transaction": transaction.pk, "own_account": own_account.pk}


def _url(name, arg, objects):
    return reverse(f"payments_backoffice:{name}", args=[objects[arg]] if arg else [])


@pytest.mark.parametrize(("name", "arg"), PAGES + POSTS)
def test_an_anonymous_visitor_is_sent_to_the_login_page(client, objects, name, arg):
    response = client.get(_url(name, arg, objects))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "arg"), PAGES)
def test_a_referrer_is_refused(login_as, objects, name, arg):
    client = login_as("referrer")

    assert client.get(_url(name, arg, objects)).status_code == 403


@pytest.mark.parametrize(("name", "arg"), POSTS)
def test_a_referrer_cannot_decide_anything(login_as, objects, name, arg):
    client = login_as("referrer")

    assert client.post(_url(name, arg, objects)).status_code == 403
    assert BankTransaction.objects.get().result == "review"


@pytest.mark.parametrize("role", ["office", "manager"])
def test_office_staff_and_managers_see_the_imports(login_as, objects, role):
    client = login_as(role)

    response = client.get(reverse("payments_backoffice:import_list"))

    assert response.status_code == 200
    assert "uittreksel.cod" in response.content.decode()
