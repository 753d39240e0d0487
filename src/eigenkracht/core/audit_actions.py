"""Every action the audit log records, with the sentence a person reads for it.

One registry for the audit page and every page that shows a history (a registration's, a
trajectory's): codes are stored, sentences are translated when shown. Data follows two shapes:
`{"from": ..., "to": ...}` for a status that changed, `{field: {"old": ..., "new": ...}}` for an
edit. `tests/core/test_audit_actions.py` fails when a service writes an action missing here.
"""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AUDIT_ACTIONS: dict[str, Promise] = {
    # Accounts and login
    "user.invitation_accepted": _("Uitnodiging aanvaard, wachtwoord gekozen"),
    "user.password_reset": _("Nieuw wachtwoord gekozen via de link in de mail"),
    "user.password_reset_mailed": _("Link voor een nieuw wachtwoord gemaild"),
    "two_factor.enrolled": _("Authenticator-app ingesteld"),
    "two_factor.enrolment_link_sent": _("Link om een authenticator-app in te stellen gemaild"),
    "two_factor.recovery_code_used": _("Aangemeld met een herstelcode"),
    "two_factor.recovery_codes_generated": _("Nieuwe herstelcodes gemaakt"),
    "two_factor.reset": _("Tweede factor gewist door een beheerder"),
    "login_lock.lifted": _("Blokkering van het aanmelden opgeheven"),
    "api_token.created": _("API-sleutel aangemaakt"),
    "api_token.revoked": _("API-sleutel ingetrokken"),
    # The organisation, pages, outbox
    "organisation.updated": _("Instellingen van de organisatie gewijzigd"),
    "page.updated": _("Pagina van de website gewijzigd"),
    "outbox.view": _("Verzonden mail bekeken"),
    "outbox.retried": _("Mislukte mail opnieuw geprobeerd"),
    "outbox.dismissed": _("Mislukte mail afgesloten, niet verstuurd"),
    # Trainings
    "venue.created": _("Locatie aangemaakt"),
    "venue.updated": _("Locatie gewijzigd"),
    "training.created": _("Vorming aangemaakt"),
    "training.updated": _("Vorming gewijzigd"),
    "training.published": _("Vorming gepubliceerd"),
    "training.cancelled": _("Vorming geannuleerd"),
    "session.attendance_recorded": _("Aanwezigheden geregistreerd"),
    "participant.certificate_sent": _("Attest van deelname gemaild"),
    "mail_template.created": _("Mailtekst geschreven"),
    "mail_template.updated": _("Mailtekst gewijzigd"),
    "mail_template.reset": _("Mailtekst teruggezet naar de standaard"),
    "mail_template.test_sent": _("Gebruikt in een testmail naar een medewerker"),
    # Registrations
    "registration.created": _("Inschrijving ontvangen"),
    "registration.view": _("Inschrijving bekeken"),
    "registration.list": _("Gegevens van inschrijvingen bekeken of geëxporteerd"),
    "registration.contact_updated": _("Contactgegevens aangepast door de deelnemer"),
    "registration.paid_manually": _("Betaling manueel geregistreerd"),
    "registration.paid_by_bank": _("Betaling van de bank geboekt"),
    "registration.reminded": _("Betalingsherinnering gemaild"),
    "registration.practical_info_sent": _("Praktische info gemaild"),
    "registration.expired": _("Inschrijving vervallen"),
    "registration.cancelled": _("Inschrijving geannuleerd"),
    "registration.reinstated": _("Inschrijving opnieuw actief"),
    "registration.offered": _("Plaats aangeboden van op de wachtlijst"),
    "registration.offer_accepted": _("Aangeboden plaats aanvaard"),
    "registration.offer_lapsed": _("Aangeboden plaats vervallen"),
    # Payments
    "own_account.created": _("Rekening toegevoegd aan onze rekeningen"),
    "own_account.changed": _("Rekening bij onze rekeningen gewijzigd"),
    "own_account.deleted": _("Rekening geschrapt uit onze rekeningen"),
    "csv_layout.created": _("Kolomindeling van een CSV onthouden"),
    "csv_layout.changed": _("Kolomindeling van een CSV gewijzigd"),
    "statement.imported": _("Rekeninguittreksel ingelezen"),
    "statement.held": _("Rekeninguittreksel wacht op een kolomindeling"),
    "statement.requeued": _("Rekeninguittreksel opnieuw in de wachtrij"),
    "statement.refused_other_account": _("Uittreksel van een andere rekening geweigerd"),
    "statement.other_account_accepted": _("Uittreksel van een andere rekening toch aanvaard"),
    "statement.other_account_imported": _("Uittreksel van een andere rekening ingelezen"),
    "statement.undone": _("Inlezing ongedaan gemaakt"),
    "statement.failed_upload_deleted": _("Mislukt uittreksel gewist na de bewaartermijn"),
    "bank_transaction.assigned": _("Verrichting gekoppeld aan een inschrijving"),
    "bank_transaction.dismissed": _("Verrichting niet voor een inschrijving"),
    "bank_transaction.to_refund": _("Verrichting wordt terugbetaald"),
    "refund.created": _("Terugbetaling verschuldigd"),
    "refund.account_set": _("Rekeningnummer voor een terugbetaling ingevuld"),
    "refund.withdrawn": _("Terugbetaling geschrapt"),
    "refund.done": _("Terugbetaling herkend op het rekeninguittreksel"),
    "sepa_file.made": _("SEPA-bestand met terugbetalingen gemaakt"),
    "sepa_file.sent": _("SEPA-bestand opgeladen bij de bank"),
    "sepa_file.withdrawn": _("SEPA-bestand ingetrokken"),
    # Invoices for employers
    "billing_details.created": _("Gegevens van de werkgever voor de factuur ingevuld"),
    "billing_details.updated": _("Gegevens van de werkgever voor de factuur gewijzigd"),
    "invoice.issued": _("Factuur opgemaakt"),
    "credit_note.issued": _("Creditnota opgemaakt"),
    "invoice_document.resent": _("Factuur of creditnota opnieuw verstuurd"),
    "invoice_document.delivered": _("Aanvaard door het Peppol-toegangspunt"),
    "invoice_document.failed": _("Niet aanvaard door het Peppol-toegangspunt"),
    # Trajectories (the timeline's own words are on the trajectory's page)
    "trajectory.referred": _("Gezin aangemeld"),
    "trajectory.view": _("Traject bekeken"),
    "trajectory.list": _("Lijst van trajecten bekeken"),
    "trajectory.api_list": _("Trajecten opgevraagd via de API"),
    "trajectory.accept": _("Aanmelding aanvaard"),
    "trajectory.decline": _("Aanmelding niet aanvaard"),
    "trajectory.information_requested": _("Informatie gevraagd aan de aanmelder"),
    "trajectory.assign": _("Coördinator toegewezen"),
    "trajectory.reassign": _("Andere coördinator toegewezen"),
    "trajectory.start_preparation": _("Voorbereiding gestart"),
    "trajectory.plan_conference": _("Conferentie gepland"),
    "trajectory.present_plan": _("Plan voorgesteld aan de aanmelder"),
    "trajectory.accept_plan": _("Plan aanvaard door de aanmelder"),
    "trajectory.follow_up": _("Opvolging genoteerd"),
    "trajectory.close": _("Traject afgesloten"),
    "trajectory.stop": _("Traject gestopt"),
    "trajectory.note": _("Notitie toegevoegd"),
    "trajectory.participant.add": _("Deelnemer toegevoegd"),
    "trajectory.participant.update": _("Deelnemer gewijzigd"),
    "trajectory.participant.delete": _("Deelnemer verwijderd"),
    "trajectory.conference.plan": _("Conferentie gepland"),
    "trajectory.conference.update": _("Conferentie gewijzigd"),
    "trajectory.conference.attendance": _("Aanwezigheid op de conferentie geregistreerd"),
    "trajectory.plan.save": _("Plan bewaard"),
    "trajectory.plan.present": _("Plan voorgesteld"),
    "trajectory.plan.changes_requested": _("Aanvulling van het plan gevraagd"),
    "trajectory.network.member_add": _("Persoon toegevoegd aan de netwerkkaart"),
    "trajectory.network.members_add": _("Personen toegevoegd aan de netwerkkaart"),
    "trajectory.network.member_move": _("Persoon verplaatst op de netwerkkaart"),
    "trajectory.network.members_sort": _("Personen op de netwerkkaart geplaatst"),
    "trajectory.network.member_delete": _("Persoon verwijderd van de netwerkkaart"),
    "trajectory.network.snapshot": _("Momentopname van de netwerkkaart"),
    "coordinator.create": _("Coördinator toegevoegd aan de pool"),
    "coordinator.update": _("Coördinator gewijzigd"),
    "network.export": _("Netwerkkaarten geëxporteerd voor onderzoek"),
}


def audit_sentence(action: str) -> str:
    """The sentence for `action`; the code itself for an action of an older version."""
    sentence = AUDIT_ACTIONS.get(action)
    return str(sentence) if sentence is not None else action
