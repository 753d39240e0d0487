"""The staff header's navigation: which items a user sees, by the same policies that guard the
pages, and which one is the current page. One menu for /beheer/, /trajecten/, the trainers' and
the account pages, so that the halves of the back office look and read the same."""

from dataclasses import dataclass, replace
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import Role
from eigenkracht.accounts.policies import (
    can_manage_organisation,
    can_teach,
    can_use_backoffice,
    can_use_trajectories,
)
from eigenkracht.allowances.policies import can_manage_allowances
from eigenkracht.privacy.policies import can_handle_privacy_requests
from eigenkracht.trajectories.policies import can_manage_trajectories
from eigenkracht.volunteers.policies import can_manage_volunteers, can_use_own_agenda


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    # The part of the address under which the item is the current page (its own URL if empty).
    prefix: str = ""
    # The overview's address starts every /beheer/ address: it is current only on itself.
    exact: bool = False
    # Shown beside the account, at the top right, on a wide screen.
    account: bool = False
    current: bool = False

    def matches(self, path: str) -> bool:
        return path == self.url if self.exact else path.startswith(self.prefix or self.url)


def _office_items(user: Any) -> list[MenuItem]:
    items = [MenuItem(_("Overzicht"), reverse("backoffice:home"), exact=True)]
    if can_manage_trajectories(user):
        items += [
            MenuItem(_("Aanmeldingen"), reverse("trajectories:inbox")),
            MenuItem(_("Trajecten"), reverse("trajectories:list")),
            MenuItem(_("Coördinatoren"), reverse("trajectories:coordinator_list")),
        ]
    if can_manage_volunteers(user):
        items.append(MenuItem(_("Kandidaten"), reverse("volunteers:applications")))
    if can_manage_allowances(user):
        items.append(MenuItem(_("Onkosten"), reverse("allowances_office:queue")))
    items += [
        MenuItem(_("Vormingen"), reverse("trainings_backoffice:training_list")),
        MenuItem(_("Betalingen"), reverse("payments_backoffice:import_list")),
        MenuItem(_("Facturen"), reverse("invoices_backoffice:document_list")),
        MenuItem(_("Cijfers"), reverse("reports:figures")),
        MenuItem(_("Pagina's"), reverse("pages_backoffice:page_list")),
    ]
    if can_handle_privacy_requests(user):
        items.append(MenuItem(_("Privacy"), reverse("privacy:request_list"), "/beheer/privacy/"))
    items += [
        MenuItem(_("Verzonden mails"), reverse("backoffice:outbox")),
        MenuItem(_("Auditlog"), reverse("backoffice:audit")),
    ]
    if can_manage_organisation(user):
        items += [
            MenuItem(_("Gebruikers"), reverse("accounts:user_list"), account=True),
            MenuItem(_("Instellingen"), reverse("backoffice:organisation"), account=True),
        ]
    items.append(
        MenuItem(_("API-sleutels"), reverse("accounts_backoffice:token_list"), account=True)
    )
    return items


def _own_items(user: Any) -> list[MenuItem]:
    items: list[MenuItem] = []
    if can_teach(user):
        items.append(MenuItem(_("Mijn vormingen"), reverse("trainer:home")))
    if can_use_trajectories(user):
        items.append(MenuItem(_("Mijn trajecten"), reverse("trajectories:list")))
    if can_use_own_agenda(user):
        items.append(MenuItem(_("Mijn agenda"), reverse("volunteers:my_agenda")))
    if user.is_authenticated and user.role == Role.COORDINATOR:
        items.append(MenuItem(_("Onkosten"), reverse("allowances:home")))
    return items


def staff_menu(user: Any, path: str) -> list[MenuItem]:
    """The items `user` may open, the one whose address is the longest start of `path` marked
    current (so that /beheer/outbox/3/ marks "Verzonden mails", not "Overzicht")."""
    if not user.is_authenticated:
        return []
    items = _office_items(user) if can_use_backoffice(user) else _own_items(user)
    items.append(MenuItem(_("Mijn account"), reverse("accounts:overview"), account=True))
    matches = [item for item in items if item.matches(path)]
    current = max(matches, key=lambda item: len(item.prefix or item.url), default=None)
    return [replace(item, current=item is current) for item in items]
