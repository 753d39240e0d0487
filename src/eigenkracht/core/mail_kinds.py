"""Every kind of mail the outbox stores, with the words the office reads for it.

The outbox keeps the code (`OutboxMessage.kind`, the filter, the office's own texts use it); pages
show these labels. `tests/core/test_mail_kinds.py` fails when the code sends a kind missing here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MAIL_KINDS: dict[str, Promise] = {
    # Accounts
    "password_reset": _("Link voor een nieuw wachtwoord"),
    "second_factor_added": _("Melding: nieuwe authenticator-app"),
    "second_factor_link": _("Link om een authenticator-app in te stellen"),
    "second_factor_reset": _("Melding: tweede factor gewist"),
    "recovery_codes_new": _("Melding: nieuwe herstelcodes"),
    "template": _("Mail van het systeem"),
    # Registrations for a training
    "registration_received": _("Inschrijving ontvangen, met betaalgegevens"),
    "registration_partially_paid": _("Deel van de betaling ontvangen"),
    "registration_reminder": _("Herinnering om te betalen"),
    "registration_waiting": _("Op de wachtlijst"),
    "registration_confirmed": _("Inschrijving bevestigd"),
    "registration_link": _("Link naar de eigen inschrijving"),
    "registration_link_colleague": _("Al ingeschreven door een collega"),
    "registration_not_made": _("Inschrijving niet gelukt"),
    "registration_cancelled": _("Inschrijving geannuleerd door de deelnemer"),
    "registration_cancelled_by_office": _("Inschrijving geannuleerd door het secretariaat"),
    "registration_expired": _("Inschrijving vervallen"),
    "registration_reinstated": _("Inschrijving opnieuw actief"),
    "registration_moved": _("Inschrijving verplaatst naar een andere datum"),
    "waiting_list_offer": _("Plaats aangeboden van op de wachtlijst"),
    "waiting_list_offer_lapsed": _("Aangeboden plaats vervallen"),
    "seat_transferred": _("Plaats overgenomen van een collega"),
    "seat_transferred_away": _("Plaats doorgegeven aan een collega"),
    "practical_info": _("Praktische info voor de vorming"),
    "certificate": _("Attest van deelname"),
    # Trainings
    "training_changed": _("Vorming gewijzigd"),
    "training_cancelled": _("Vorming geannuleerd"),
    "training_message": _("Bericht aan de deelnemers"),
    "colleague_registration_ended": _("Aan een collega: de inschrijving is beëindigd"),
    "colleague_registration_back": _("Aan een collega: de inschrijving is terug actief"),
    "trainer_invitation": _("Uitnodiging voor een lesgever"),
    "mail_template_test": _("Testmail van een mailtekst"),
    # Payments and invoices
    "refund_iban_asked": _("Rekeningnummer gevraagd voor een terugbetaling"),
    "refund_surplus": _("Te veel betaald: wordt teruggestort"),
    "refund_sent": _("Terugbetaling opgeladen bij de bank"),
    "refund_returned": _("Terugbetaling teruggestort door de bank: ander rekeningnummer gevraagd"),
    "invoice_document": _("Factuur of creditnota"),
    # Trajectories
    "referral_received": _("Bevestiging van een aanmelding (aan de aanmelder)"),
    "conference_invitation": _("Uitnodiging voor de conferentie (aan een deelnemer)"),
    "referral_new": _("Nieuwe aanmelding (aan het secretariaat)"),
    "referral_accepted": _("Aanmelding aanvaard"),
    "referral_declined": _("Aanmelding niet aanvaard"),
    "referral_information_request": _("Vraag om informatie over een aanmelding"),
    "coordinator_welcome": _("Account voor een EK-coördinator"),
    "coordinator_assigned": _("Nieuw traject voor een coördinator"),
    "referral_coordinator_found": _("Coördinator gevonden (aan de aanmelder)"),
    "coordinator_unassigned": _("Traject naar een andere coördinator (aan de vorige)"),
    "plan_presented": _("Plan wacht op akkoord van de aanmelder"),
    "plan_accepted": _("Plan aanvaard"),
    "plan_changes_requested": _("Aanvulling van het plan gevraagd"),
    "trajectory_stopped": _("Traject gestopt (aan de aanmelder)"),
    "trajectory_closed": _("Traject afgesloten (aan de aanmelder)"),
    # Evaluations
    "evaluation_conference": _("Link om de conferentie te evalueren (aan een deelnemer)"),
    "evaluation_conference_reminder": _("Herinnering: de conferentie evalueren"),
    "evaluation_training": _("Link om de vorming te evalueren (aan een deelnemer)"),
    "evaluation_training_reminder": _("Herinnering: de vorming evalueren"),
    # Volunteer coordinators
    "volunteer_application_received": _("Bevestiging van een kandidatuur als coördinator"),
    "volunteer_application_new": _("Nieuwe kandidaat-coördinator (aan het secretariaat)"),
    "volunteer_record_expiring": _("Uittreksel strafregister vervalt (aan het secretariaat)"),
    "volunteer_follow_up_due": _("Herinnering: opvolging morgen (aan de coördinator)"),
    "volunteer_time_norm_near": _("Herinnering: tijdsnorm bijna voorbij (aan de coördinator)"),
    # Volunteer allowances
    "payout_account_changed": _(
        "Rekeningnummer van een vrijwilliger gewijzigd (aan het secretariaat)"
    ),
    "declaration_returned": _("Onkostenaangifte teruggestuurd aan de coördinator"),
}


def mail_kind_label(kind: str) -> str:
    """The label for `kind`; for a kind of an older version, its code in plain words."""
    label = MAIL_KINDS.get(kind)
    return str(label) if label is not None else kind.replace("_", " ").capitalize()
