"""The staff home page is a list of work: what waits for someone, how many, and a link to exactly
that filtered list. Each count is taken from the selector (or the condition) that the linked list
shows, so the number on the home page is the number of rows one click further.

Only the items the user may act on (by the same policies as the linked pages); one query per
source, however much work there is (tests/backoffice/test_home_work.py counts them)."""

from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.allowances.policies import can_manage_allowances
from eigenkracht.allowances.selectors import office_queue
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.core.work import WorkItem, waiting
from eigenkracht.payments.models import Refund
from eigenkracht.payments.selectors import review_queue
from eigenkracht.privacy.models import RetentionProposal
from eigenkracht.privacy.policies import can_handle_privacy_requests, can_manage_retention
from eigenkracht.privacy.selectors import overdue_requests
from eigenkracht.trainings.selectors import registrations_awaiting_payment
from eigenkracht.trajectories.home import trajectory_work


def _office_items(user: Any) -> list[WorkItem]:
    today = timezone.localdate()
    refunds = Refund.objects.filter(status=Refund.Status.DUE).aggregate(
        due=Count("id"), overdue=Count("id", filter=Q(deadline__lt=today))
    )
    items = [
        WorkItem(
            "review",
            n := review_queue().count(),
            ngettext("overschrijving na te kijken", "overschrijvingen na te kijken", n),
            reverse("payments_backoffice:review_queue"),
        ),
        WorkItem(
            "reminded",
            n := registrations_awaiting_payment("na-herinnering").count(),
            ngettext(
                "inschrijving herinnerd en nog niet betaald",
                "inschrijvingen herinnerd en nog niet betaald",
                n,
            ),
            reverse("trainings_backoffice:registration_list") + "?toon=na-herinnering",
        ),
        WorkItem(
            "refunds_due",
            n := refunds["due"],
            ngettext("terugbetaling te doen", "terugbetalingen te doen", n),
            reverse("payments_backoffice:refund_list") + "?toon=due",
        ),
        WorkItem(
            "refunds_overdue",
            n := refunds["overdue"],
            ngettext("terugbetaling voorbij de termijn", "terugbetalingen voorbij de termijn", n),
            reverse("payments_backoffice:refund_list") + "?toon=overdue",
            late=True,
        ),
        WorkItem(
            "failed_mails",
            n := OutboxMessage.objects.filter(status__in=OutboxMessage.FAILED_STATUSES).count(),
            ngettext("mail niet verstuurd", "mails niet verstuurd", n),
            reverse("backoffice:outbox") + "?status=problems",
            late=True,
        ),
    ]
    if can_handle_privacy_requests(user):
        n = overdue_requests(today).count()
        items.append(
            WorkItem(
                "privacy_overdue",
                n,
                ngettext("privacyverzoek te laat", "privacyverzoeken te laat", n),
                reverse("privacy:request_list") + "?toon=te-laat",
                late=True,
            )
        )
    if can_manage_allowances(user):
        n = office_queue().count()
        items.append(
            WorkItem(
                "declarations",
                n,
                ngettext(
                    "onkostennota van een coördinator goed te keuren",
                    "onkostennota's van coördinatoren goed te keuren",
                    n,
                ),
                reverse("allowances_office:queue"),
            )
        )
    if can_manage_retention(user):
        n = RetentionProposal.objects.filter(status=RetentionProposal.Status.PROPOSED).count()
        items.append(
            WorkItem(
                "retention",
                n,
                ngettext(
                    "voorstel om gegevens anoniem te maken",
                    "voorstellen om gegevens anoniem te maken",
                    n,
                ),
                reverse("privacy:retention"),
            )
        )
    return items


def work_for(user: Any) -> list[WorkItem]:
    """What waits for `user`, only the items with something to do, late ones first."""
    items = trajectory_work(user, Organisation.current())
    if can_use_backoffice(user):
        items = _office_items(user) + items
    return waiting(items)
