from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "eigenkracht.payments"
    verbose_name = _("Betalingen")

    def ready(self) -> None:
        # The refund mails register their recipes; cancellations in trainings create refunds.
        from eigenkracht.payments.refunds import emails  # noqa: F401
        from eigenkracht.payments.refunds import services as refunds
        from eigenkracht.trainings import signals

        signals.registration_cancelled.connect(
            refunds.on_registration_cancelled, dispatch_uid="refund_on_registration_cancelled"
        )
        signals.training_cancelled.connect(
            refunds.on_training_cancelled, dispatch_uid="refund_on_training_cancelled"
        )
        signals.registration_seat_regained.connect(
            refunds.on_seat_regained, dispatch_uid="refund_on_seat_regained"
        )
        signals.registration_moved.connect(
            refunds.on_registration_moved, dispatch_uid="refund_on_registration_moved"
        )
