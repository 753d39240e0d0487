"""The mail to a coordinator whose declaration the office sent back."""

from django.db.models import QuerySet
from django.urls import reverse

from eigenkracht.allowances.models import Declaration, Payout, PayoutAccount, PayoutLine
from eigenkracht.core.outbox import Mail, mail_recipe


def declarations_for_mail() -> QuerySet[Declaration]:
    return Declaration.objects.select_related("coordinator__user", "trajectory")


@mail_recipe("declaration_returned", queryset=declarations_for_mail)
def returned_mail(declaration: Declaration) -> Mail:
    return Mail(
        "allowances/emails/declaration_returned",
        {
            "declaration": declaration,
            "coordinator": declaration.coordinator,
            "page_path": reverse("allowances:home"),
        },
    )


def accounts_for_mail() -> QuerySet[PayoutAccount]:
    return PayoutAccount.objects.select_related("coordinator__user")


@mail_recipe("payout_account_changed", queryset=accounts_for_mail)
def account_changed_mail(account: PayoutAccount) -> Mail:
    """To the office: money follows an IBAN, so a changed one is checked before it is paid. A
    file made before the change, not yet uploaded, still pays the old account: it is named."""
    waiting = (
        PayoutLine.objects.filter(
            coordinator=account.coordinator, payout__status=Payout.Status.MADE
        )
        .exclude(iban=account.iban)
        .select_related("payout")
        .order_by("payout_id")
    )
    return Mail(
        "allowances/emails/payout_account_changed",
        {
            "account": account,
            "coordinator": account.coordinator,
            "waiting": list(waiting),
            "page_path": reverse("allowances_office:queue"),
        },
    )
