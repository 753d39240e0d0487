"""The pages a newcomer would try, per role, read from the demo data (`manage.py demo_data`):
the browser tests load them at 390 and 1366 px, and `make screens` photographs them."""

from django.urls import reverse

from eigenkracht.accounts.models import User
from eigenkracht.core.models import OutboxMessage
from eigenkracht.pages.models import Page
from eigenkracht.payments.models import Refund, StatementImport
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.trainings.models import Registration, Training
from eigenkracht.trajectories.models import Trajectory
from eigenkracht.volunteers.models import Application

# The demo's account for each role (backoffice/management/commands/demo_data.py).
ROLE_EMAILS = {
    "office": "kantoor@example.org",
    "manager": "beheer@example.org",
    "coordinator": "coordinator@example.org",
    "referrer": "aanmelder@example.org",
    "trainer": "trainer@example.org",
}


def _trajectory_pages(trajectory: Trajectory) -> list[str]:
    return [
        reverse(name, args=[trajectory.pk])
        for name in (
            "trajectories:detail",
            "trajectories:participants",
            "trajectories:network:map",
            "trajectories:conference",
            "trajectories:plan",
            "trajectories:follow_up",
        )
    ]


def public_pages() -> list[str]:
    training = Training.objects.filter(status=Training.Status.PUBLISHED).order_by("starts_on")[0]
    return [
        reverse("pages:home"),
        reverse("trainings:calendar"),
        reverse("trainings:detail", args=[training.pk]),
        reverse("trainings:register", args=[training.pk]),
        reverse("referral:form"),
        reverse("volunteers_public:apply"),
        reverse("accounts:login"),
        *(
            reverse("pages:page", args=[slug])
            for slug in Page.objects.order_by("slug").values_list("slug", flat=True)
        ),
    ]


def staff_pages() -> dict[str, list[str]]:
    """Per role (a key of ROLE_EMAILS), the pages that role opens."""
    registration = Registration.objects.order_by("pk")[0]
    # One in follow-up shows every tab filled in (the plan with its "Stand van zaken" too).
    followed_up = Trajectory.objects.filter(
        status=Trajectory.Status.FOLLOW_UP, plans__agreements__isnull=False
    ).order_by("pk")
    trajectory = followed_up.first() or Trajectory.objects.order_by("pk")[0]
    coordinators_own = Trajectory.objects.filter(
        coordinator__user__email=ROLE_EMAILS["coordinator"]
    ).order_by("-status_changed_at", "pk")
    mail = OutboxMessage.objects.order_by("pk")[0]
    office = [
        reverse("backoffice:home"),
        reverse("trainings_backoffice:training_list"),
        reverse("trainings_backoffice:training_detail", args=[registration.training_id]),
        reverse("trainings_backoffice:registration_detail", args=[registration.pk]),
        reverse("trainings_backoffice:registration_list"),
        reverse("trainings_dashboard:dashboard"),
        reverse("payments_backoffice:import_list"),
        reverse("payments_backoffice:review_queue"),
        reverse("payments_backoffice:refund_list"),
        reverse("invoices_backoffice:document_list"),
        reverse("backoffice:outbox"),
        reverse("backoffice:outbox_detail", args=[mail.pk]),
        reverse("backoffice:audit"),
        reverse("trajectories:inbox"),
        reverse("trajectories:list"),
        *_trajectory_pages(trajectory),
        reverse("trajectories:coordinator_list"),
        reverse("volunteers:applications"),
        reverse("allowances_office:queue"),
        reverse("privacy:request_list"),
        reverse("reports:figures"),
        reverse("pages_backoffice:page_list"),
        reverse("accounts:overview"),
        reverse("accounts_backoffice:token_list"),
    ]
    if statement := StatementImport.objects.order_by("pk").first():
        office.append(reverse("payments_backoffice:import_detail", args=[statement.pk]))
    if refund := Refund.objects.order_by("pk").first():
        office.append(reverse("payments_backoffice:refund_detail", args=[refund.pk]))
    if request := PrivacyRequest.objects.order_by("pk").first():
        office.append(reverse("privacy:request_detail", args=[request.pk]))
    if application := Application.objects.order_by("pk").first():
        office.append(reverse("volunteers:application", args=[application.pk]))
    manager = [
        reverse("backoffice:home"),
        reverse("backoffice:organisation"),
        reverse("accounts:user_list"),
        reverse("privacy:retention"),
    ]
    coordinator = [
        reverse("trajectories:list"),
        reverse("volunteers:my_agenda"),
        reverse("allowances:home"),
        reverse("accounts:overview"),
    ]
    if own := coordinators_own.first():
        coordinator += _trajectory_pages(own)
    trainer = [reverse("trainer:home"), reverse("accounts:overview")]
    trainer_user = User.objects.get(email=ROLE_EMAILS["trainer"])
    if taught := Training.objects.filter(trainers__user=trainer_user).order_by("pk").first():
        trainer.append(reverse("trainer:training", args=[taught.pk]))
    return {
        "office": office,
        "manager": manager,
        "coordinator": coordinator,
        "referrer": [reverse("trajectories:list"), reverse("accounts:overview")],
        "trainer": trainer,
    }
