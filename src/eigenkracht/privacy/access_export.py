"""The file a person gets for an access request (GDPR article 15): what the search found, as the
fields about them, in a JSON file, a readable HTML page and the same as a PDF, in one ZIP.

What is plainly theirs (their registration, payments, mails, their own row in a trajectory) goes
in automatically. What others wrote about them in a trajectory (its texts, notes, follow-up
notes, the plan, the timeline) and the data of the other family members may touch the rights of
others (article 15(4)): those items are listed for the office to decide, and go in only when
ticked. Every source is read in one query for all its hits.
"""

import datetime as dt
import io
import json
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eigenkracht.accounts.models import User
from eigenkracht.banking.money import euro
from eigenkracht.core.models import Organisation, OutboxMessage
from eigenkracht.invoices.models import Document
from eigenkracht.network.models import NetworkMember, NetworkSnapshot, Tie, place_label
from eigenkracht.payments.models import BankTransaction, Payment, Refund
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.privacy.search import Hit
from eigenkracht.trainings.models import Participant, ParticipantAnswer, Registration
from eigenkracht.trajectories.models import (
    FollowUp,
    Note,
    Plan,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.models import Participant as TrajectoryParticipant
from eigenkracht.volunteers.models import Application


@dataclass(frozen=True)
class Item:
    key: str
    group: str
    title: str
    fields: dict[str, str]
    # False: the office decides (what others wrote about the person, other people's data).
    automatic: bool


# A link that opens a page without a login (a registration, an evaluation, an invitation): in a
# file that may be forwarded, it would give that page to whoever reads it.
PERSONAL_LINK = re.compile(
    r"https?://\S*/(?:inschrijving|evaluatie|uitnodiging|app-instellen|wachtwoord-herstellen)/\S*"
)


def without_personal_links(text: str) -> str:
    return PERSONAL_LINK.sub(_("[persoonlijke link weggelaten]"), text)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.datetime):
        return f"{timezone.localtime(value):%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, list):
        return ", ".join(_text(part) for part in value)
    return str(value)


def _fields(pairs: Iterable[tuple[str, Any]]) -> dict[str, str]:
    """Label -> value as text; empty values are left out."""
    return {str(label): text for label, value in pairs if (text := _text(value))}


def _ids(hits: Iterable[Hit], kind: str) -> list[int]:
    return [hit.object_id for hit in hits if hit.kind == kind]


def _trainings_items(hits: list[Hit]) -> list[Item]:
    items = []
    group = _("Vormingen")
    registrations = Registration.objects.filter(pk__in=_ids(hits, "registration"))
    for registration in registrations.select_related("training").order_by("id"):
        items.append(
            Item(
                key=f"registration:{registration.pk}",
                group=group,
                title=_("Inschrijving %(code)s voor %(training)s")
                % {"code": registration.code, "training": registration.training.title},
                fields=_fields(
                    [
                        (_("Vorming"), registration.training.title),
                        (_("Status"), registration.get_status_display()),
                        (_("Voornaam"), registration.first_name),
                        (_("Familienaam"), registration.last_name),
                        (_("E-mailadres"), registration.email),
                        (_("Telefoon"), registration.phone),
                        (_("Organisatie"), registration.organisation),
                        (_("Functie"), registration.job),
                        (_("Opmerkingen"), registration.remarks),
                        (_("Plaatsen"), registration.seats),
                        (_("Te betalen"), euro(registration.amount_due_cents)),
                        (_("Betaald"), euro(registration.amount_paid_cents)),
                        (_("Ingeschreven op"), registration.created_at),
                        (_("Toestemming privacyverklaring"), registration.consent_at),
                    ]
                ),
                automatic=True,
            )
        )
    participants = Participant.objects.filter(pk__in=_ids(hits, "training_participant"))
    for participant in participants.select_related("registration__training").order_by("id"):
        items.append(
            Item(
                key=f"training_participant:{participant.pk}",
                group=group,
                title=_("Deelnemer aan %(training)s")
                % {"training": participant.registration.training.title},
                fields=_fields(
                    [
                        (_("Naam"), participant.full_name),
                        (_("E-mailadres"), participant.email),
                        (_("Inschrijving"), participant.registration.code),
                        (_("Attest verstuurd op"), participant.certificate_sent_at),
                    ]
                ),
                automatic=True,
            )
        )
    answers = ParticipantAnswer.objects.filter(pk__in=_ids(hits, "training_answer"))
    for answer in answers.select_related("question", "participant").order_by("id"):
        items.append(
            Item(
                key=f"training_answer:{answer.pk}",
                group=group,
                title=_("Antwoord van %(name)s") % {"name": answer.participant.full_name},
                fields=_fields([(answer.question.text, answer.value)]),
                automatic=True,
            )
        )
    return items


def _money_items(hits: list[Hit]) -> list[Item]:
    items = []
    group = _("Betalingen en facturen")
    payments = Payment.objects.filter(pk__in=_ids(hits, "payment"))
    for payment in payments.select_related("registration").order_by("id"):
        items.append(
            Item(
                key=f"payment:{payment.pk}",
                group=group,
                title=_("Betaling voor inschrijving %(code)s")
                % {"code": payment.registration.code},
                fields=_fields(
                    [
                        (_("Bedrag"), euro(payment.amount_cents)),
                        (_("Betaald op"), payment.paid_on),
                        (_("Hoe"), payment.get_source_display()),
                    ]
                ),
                automatic=True,
            )
        )
    transactions = BankTransaction.objects.filter(pk__in=_ids(hits, "bank_transaction"))
    for transaction in transactions.order_by("booking_date", "id"):
        items.append(
            Item(
                key=f"bank_transaction:{transaction.pk}",
                group=group,
                title=_("Overschrijving van %(date)s") % {"date": _text(transaction.booking_date)},
                fields=_fields(
                    [
                        (_("Bedrag"), euro(transaction.amount_cents)),
                        (_("Naam tegenpartij"), transaction.counterparty_name),
                        (_("Rekening tegenpartij"), transaction.counterparty_iban),
                        (_("Mededeling"), transaction.communication),
                    ]
                ),
                automatic=True,
            )
        )
    for refund in Refund.objects.filter(pk__in=_ids(hits, "refund")).order_by("id"):
        items.append(
            Item(
                key=f"refund:{refund.pk}",
                group=group,
                title=_("Terugbetaling %(reference)s") % {"reference": refund.end_to_end_id},
                fields=_fields(
                    [
                        (_("Bedrag"), euro(refund.amount_cents)),
                        (_("Reden"), refund.get_cause_display()),
                        (_("Status"), refund.get_status_display()),
                        (_("Naam rekeninghouder"), refund.payee_name),
                        (_("Rekeningnummer"), refund.payee_iban_display),
                    ]
                ),
                automatic=True,
            )
        )
    documents = Document.objects.filter(pk__in=_ids(hits, "invoice")).defer("seller")
    for document in documents.order_by("issued_on", "id"):
        items.append(
            Item(
                key=f"invoice:{document.pk}",
                group=group,
                title=f"{document.get_kind_display().capitalize()} {document.number}",
                fields=_fields(
                    [
                        (_("Datum"), document.issued_on),
                        (_("Aan"), document.buyer_name),
                        (_("E-mailadres voor facturen"), document.buyer_email),
                        (_("Omschrijving"), document.description),
                        (_("Totaal"), euro(document.total_cents)),
                    ]
                ),
                automatic=True,
            )
        )
    return items


def _trajectory_items(hits: list[Hit], name: str) -> list[Item]:
    items: list[Item] = []
    referred = Trajectory.objects.filter(pk__in=_ids(hits, "trajectory_referrer"))
    for trajectory in referred.order_by("id"):
        items.append(
            Item(
                key=f"trajectory_referrer:{trajectory.pk}",
                group=_("EK-trajecten"),
                title=_("Aanmelder van EK-traject %(reference)s")
                % {"reference": trajectory.reference},
                fields=_fields(
                    [
                        (_("Naam"), trajectory.referrer_name),
                        (_("Organisatie"), trajectory.referrer_organisation),
                        (_("Functie of relatie"), trajectory.referrer_role),
                        (_("E-mailadres"), trajectory.referrer_email),
                        (_("Telefoon"), trajectory.referrer_phone),
                        (_("Aangemeld op"), trajectory.referred_at),
                    ]
                ),
                automatic=True,
            )
        )
    own_ids = set(_ids(hits, "trajectory_participant"))
    own = TrajectoryParticipant.objects.filter(pk__in=own_ids).select_related("trajectory")
    theirs = {participant.trajectory_id for participant in own}
    # Trajectories about the person: where they take part, or whose texts name them.
    about = theirs | set(_ids(hits, "trajectory_text"))
    follow_up_hits = FollowUp.objects.filter(pk__in=_ids(hits, "followup"))
    about |= set(follow_up_hits.values_list("trajectory_id", flat=True))
    trajectories = Trajectory.objects.in_bulk(about)
    people = TrajectoryParticipant.objects.filter(trajectory__in=theirs).order_by("id")
    for participant in people:
        reference = trajectories[participant.trajectory_id].reference
        mine = participant.pk in own_ids
        items.append(
            Item(
                key=f"trajectory_participant:{participant.pk}",
                group=_("EK-traject %(reference)s") % {"reference": reference},
                title=(
                    _("Je gegevens als deelnemer")
                    if mine
                    else _("Gegevens van %(name)s (%(role)s)")
                    % {"name": participant.name, "role": participant.get_role_display().lower()}
                ),
                fields=_fields(
                    [
                        (_("Naam"), participant.name),
                        (_("Rol"), participant.get_role_display()),
                        (_("Relatie of functie"), participant.relation),
                        (_("Geboortedatum"), participant.birth_display),
                        (_("Adres"), participant.address),
                        (_("Telefoon"), participant.phone),
                        (_("E-mailadres"), participant.email),
                        (_("Noden"), participant.needs),
                        (_("Uitnodiging"), participant.get_invitation_display()),
                    ]
                ),
                automatic=mine,
            )
        )
    members = NetworkMember.objects.filter(pk__in=_ids(hits, "network_member"))
    for member in members.select_related("trajectory").order_by("id"):
        items.append(
            Item(
                key=f"network_member:{member.pk}",
                group=_("EK-traject %(reference)s") % {"reference": member.trajectory.reference},
                title=_("Op de netwerkkaart"),
                fields=_fields(
                    [
                        (_("Naam"), member.name),
                        (_("Plaats"), place_label(member.sector, member.ring)),
                        (_("Band"), Tie(member.tie).label),
                    ]
                ),
                automatic=True,
            )
        )
    snapshots = NetworkSnapshot.objects.filter(pk__in=_ids(hits, "network_snapshot"))
    wanted = name.casefold()
    for snapshot in snapshots.select_related("trajectory").order_by("id"):
        entries = [e for e in snapshot.data if str(e.get("name", "")).casefold() == wanted]
        items.append(
            Item(
                key=f"network_snapshot:{snapshot.pk}",
                group=_("EK-traject %(reference)s") % {"reference": snapshot.trajectory.reference},
                title=_("Momentopname van de netwerkkaart van %(date)s")
                % {"date": _text(snapshot.taken_at)},
                fields=_fields(
                    (
                        _("Naam"),
                        f"{entry.get('name')}, "
                        f"{place_label(entry.get('sector', ''), entry.get('ring', ''))}",
                    )
                    for entry in entries
                ),
                automatic=True,
            )
        )
    items.extend(_what_others_wrote(hits, trajectories))
    return items


TEXT_FIELDS = (
    ("referred_names", gettext_lazy("Aangemeld voor")),
    ("central_question", gettext_lazy("Vraagstelling")),
    ("concerns", gettext_lazy("Zorgen")),
    ("limits", gettext_lazy("Grenzen")),
    ("intake_note", gettext_lazy("Reden (intake)")),
    ("stop_reason_text", gettext_lazy("Toelichting bij het stoppen")),
)


def _what_others_wrote(hits: list[Hit], trajectories: dict[int, Trajectory]) -> list[Item]:
    """The texts of the trajectories about the person, each for the office to decide on."""
    items: list[Item] = []

    def group(trajectory_id: int) -> str:
        return _("EK-traject %(reference)s") % {"reference": trajectories[trajectory_id].reference}

    for trajectory in trajectories.values():
        items.append(
            Item(
                key=f"trajectory_text:{trajectory.pk}",
                group=group(trajectory.pk),
                title=_("De aanmelding: vraag, zorgen en grenzen"),
                fields=_fields((label, getattr(trajectory, field)) for field, label in TEXT_FIELDS),
                automatic=False,
            )
        )
    for note in Note.objects.filter(trajectory__in=trajectories).order_by("created_at", "id"):
        items.append(
            Item(
                key=f"note:{note.pk}",
                group=group(note.trajectory_id),
                title=_("Notitie van %(date)s") % {"date": _text(note.created_at)},
                fields=_fields([(_("Notitie"), note.text)]),
                automatic=False,
            )
        )
    for follow_up in FollowUp.objects.filter(trajectory__in=trajectories).order_by("held_on", "id"):
        items.append(
            Item(
                key=f"followup:{follow_up.pk}",
                group=group(follow_up.trajectory_id),
                title=_("Opvolging van %(date)s") % {"date": _text(follow_up.held_on)},
                fields=_fields([(_("Verslag"), follow_up.note)]),
                automatic=False,
            )
        )
    plans = Plan.objects.filter(trajectory__in=trajectories).prefetch_related("agreements")
    for plan in plans.order_by("id"):
        agreements = [(_("Afspraak"), agreement.what) for agreement in plan.agreements.all()]
        items.append(
            Item(
                key=f"plan:{plan.pk}",
                group=group(plan.trajectory_id),
                title=_("Plan, versie %(revision)s") % {"revision": plan.revision},
                fields={
                    **{
                        f"{label} {index}": text
                        for index, (label, text) in enumerate(agreements, 1)
                    },
                    **_fields(
                        [
                            (_("Als het anders loopt"), plan.if_things_go_differently),
                            (_("Wat ontbreekt volgens de aanmelder"), plan.referrer_feedback),
                        ]
                    ),
                },
                automatic=False,
            )
        )
    events = TrajectoryEvent.objects.filter(pk__in=_ids(hits, "trajectory_event"))
    for event in events.select_related("trajectory").order_by("at", "id"):
        items.append(
            Item(
                key=f"trajectory_event:{event.pk}",
                group=_("EK-traject %(reference)s") % {"reference": event.trajectory.reference},
                title=_("Tijdlijn, %(date)s") % {"date": _text(event.at)},
                fields=_fields([(_("Wat"), event.description), (_("Reden"), event.reason)]),
                automatic=False,
            )
        )
    return items


def _other_items(hits: list[Hit], subject_email: str) -> list[Item]:
    items = []
    messages = OutboxMessage.objects.filter(pk__in=_ids(hits, "outbox"), confidential=False)
    for message in messages.defer("body_html").order_by("created_at", "id"):
        # A mail to someone else that names the person (a colleague's registration) is theirs
        # to decide on, as what others wrote.
        theirs = bool(subject_email) and message.recipient.casefold() == subject_email.casefold()
        items.append(
            Item(
                key=f"outbox:{message.pk}",
                group=_("E-mails"),
                title=(
                    _("E-mail van %(date)s")
                    if theirs
                    else _("E-mail van %(date)s aan iemand anders")
                )
                % {"date": _text(message.created_at)},
                fields=_fields(
                    [
                        (_("Aan"), message.recipient),
                        (_("Onderwerp"), message.subject),
                        (_("Tekst"), without_personal_links(message.body_text)),
                    ]
                ),
                automatic=theirs,
            )
        )
    applications = Application.objects.filter(pk__in=_ids(hits, "volunteer_application"))
    for application in applications.order_by("id"):
        items.append(
            Item(
                key=f"application:{application.pk}",
                group=_("Kandidatuur als EK-coördinator"),
                title=_("Kandidatuur van %(date)s") % {"date": _text(application.applied_at)},
                fields=_fields(
                    [
                        (_("Naam"), application.name),
                        (_("E-mailadres"), application.email),
                        (_("Telefoon"), application.phone),
                        (_("Postcode"), application.postcode),
                        (_("Regio"), application.region),
                        (_("Beschikbaarheid"), application.availability),
                        (_("Motivatie"), application.motivation),
                        (_("Stap"), application.get_step_display()),
                        (_("Sinds"), application.step_on),
                    ]
                ),
                automatic=True,
            )
        )
    for user in User.objects.filter(pk__in=_ids(hits, "user")).order_by("id"):
        items.append(
            Item(
                key=f"user:{user.pk}",
                group=_("Account op het platform"),
                title=user.email,
                fields=_fields(
                    [
                        (_("E-mailadres"), user.email),
                        (_("Voornaam"), user.first_name),
                        (_("Familienaam"), user.last_name),
                        (_("Rol"), user.get_role_display()),
                        (_("Aangemaakt op"), user.date_joined),
                        (_("Laatst aangemeld"), user.last_login),
                    ]
                ),
                automatic=True,
            )
        )
    return items


def access_items(privacy_request: PrivacyRequest, hits: list[Hit]) -> list[Item]:
    """Everything that may go in the file, the automatic items and those to decide on."""
    return [
        *_trainings_items(hits),
        *_money_items(hits),
        *_trajectory_items(hits, privacy_request.subject_name),
        *_other_items(hits, privacy_request.subject_email),
    ]


def chosen(items: list[Item], ticked: Iterable[str]) -> list[Item]:
    """The automatic items and the others the office ticked; unknown keys are ignored."""
    ticked = set(ticked)
    return [item for item in items if item.automatic or item.key in ticked]


def access_pdf(
    *,
    organisation: Organisation,
    privacy_request: PrivacyRequest,
    groups: dict[str, list[Item]],
    made_at: dt.datetime,
) -> bytes:
    """The readable file as A4: every value flows as a paragraph, so no text is too long."""
    # Loaded when used: fpdf2 costs 0.25 s, and reversing a URL imports every view.
    from eigenkracht.core.pdf import FONT, GREY, PURPLE
    from eigenkracht.core.pdf import Document as Pdf

    pdf = Pdf(created=made_at)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()
    pdf.set_font(FONT, "B", 15)
    pdf.set_text_color(*PURPLE)
    title = _("Je gegevens bij %(name)s") % {"name": organisation.name}
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*GREY)
    made = _("Opgemaakt op %(date)s voor %(name)s, op je verzoek om inzage.") % {
        "date": f"{made_at:%d/%m/%Y}",
        "name": privacy_request.subject_name,
    }
    pdf.multi_cell(0, 5, made, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    for group, items in groups.items():
        pdf.ln(4)
        pdf.set_font(FONT, "B", 13)
        pdf.set_text_color(*PURPLE)
        pdf.multi_cell(0, 7, group, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)
        for item in items:
            pdf.ln(2)
            pdf.set_font(FONT, "B", 11)
            pdf.multi_cell(0, 6, item.title, new_x="LMARGIN", new_y="NEXT")
            for label, value in item.fields.items():
                pdf.set_font(FONT, "B", 9)
                pdf.multi_cell(0, 4.5, label, new_x="LMARGIN", new_y="NEXT")
                pdf.set_font(FONT, "", 10)
                pdf.multi_cell(0, 5, value, new_x="LMARGIN", new_y="NEXT")
    return pdf.pdf_bytes()


def access_zip(privacy_request: PrivacyRequest, items: list[Item]) -> bytes:
    organisation = Organisation.current()
    made_at = timezone.localtime()
    groups: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        groups[item.group].append(item)
    document = {
        "organisatie": organisation.name,
        "verzoek": privacy_request.pk,
        "betrokkene": privacy_request.subject_name,
        "opgemaakt_op": made_at.isoformat(timespec="seconds"),
        "gegevens": [
            {"groep": item.group, "wat": item.title, "velden": item.fields} for item in items
        ],
    }
    html = render_to_string(
        "privacy/access_export.html",
        {
            "organisation": organisation,
            "privacy_request": privacy_request,
            "made_at": made_at,
            "groups": dict(groups),
        },
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("gegevens.json", json.dumps(document, ensure_ascii=False, indent=2))
        archive.writestr("gegevens.html", html)
        archive.writestr(
            "gegevens.pdf",
            access_pdf(
                organisation=organisation,
                privacy_request=privacy_request,
                groups=dict(groups),
                made_at=made_at,
            ),
        )
    return buffer.getvalue()
