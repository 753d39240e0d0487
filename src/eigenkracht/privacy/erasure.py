"""Erasing one person: everything the search finds about them is made anonymous now, except what
a legal duty keeps (the accounting records), which is listed with the reason.

The search runs twice: first on what the office knows (e-mail address, name, date of birth), then
on every name the first hits carry (a registrant's name as they typed it, a participant's name),
so that the texts that mention them are found too. Names and the address in free texts become
"[naam gewist]"; the records about the person themselves are anonymised as retention does.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import Role, User
from eigenkracht.core.audit import audit_record, audit_record_listing
from eigenkracht.core.models import OutboxMessage, RetentionTerms
from eigenkracht.core.retention_terms import term_sentence
from eigenkracht.evaluations.models import ConferenceResponse, TrainingResponse
from eigenkracht.network.models import NetworkMember, NetworkSnapshot
from eigenkracht.privacy.anonymise import (
    ANONYMOUS,
    anonymous_email,
    referrers_anonymise,
    registrants_anonymise,
    scrub_audit,
    training_participants_anonymise,
    volunteer_applications_anonymise,
)
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.privacy.requests import PrivacyRequestRefused
from eigenkracht.privacy.search import KIND_LABELS, Hit, person_search
from eigenkracht.trainings.models import ParticipantAnswer, Registration
from eigenkracht.trajectories.models import (
    Agreement,
    Conference,
    Consent,
    FollowUp,
    Note,
    Plan,
    Trajectory,
    TrajectoryEvent,
)
from eigenkracht.trajectories.models import Participant as TrajectoryParticipant

ERASED = "[naam gewist]"
ACCOUNTING_KINDS = ("payment", "bank_transaction", "refund", "invoice")


@dataclass
class Kept:
    what: str
    where: str
    reason: str


@dataclass
class ErasureOutcome:
    # {kind: number of objects}
    anonymised: dict[str, int] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.anonymised.values())


def _names_in(hits: Iterable[Hit]) -> set[str]:
    """The names the records themselves give the person."""
    ids: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        ids[hit.kind].append(hit.object_id)
    names: set[str] = set()
    for first, last in Registration.objects.filter(pk__in=ids["registration"]).values_list(
        "first_name", "last_name"
    ):
        names.add(f"{first} {last}".strip())
    for name in TrajectoryParticipant.objects.filter(
        pk__in=ids["trajectory_participant"]
    ).values_list("name", flat=True):
        names.add(name)
    return {" ".join(name.split()) for name in names if len(name.strip()) > 2}


def _names_with(hits: Iterable[Hit], name: str) -> set[str]:
    """The names the records give the person, and the one the request gives."""
    return _names_in(hits) | ({" ".join(name.split())} if name.strip() else set())


def erasure_hits(email: str, name: str, birth_date: dt.date | None) -> tuple[list[Hit], set[str]]:
    """What an erasure finds (the page shows it, the office unticks what is someone else's), and
    the names it erases from free texts. The second search takes only names of two words or more:
    a first name alone would find everyone who carries it."""
    hits = person_search(email=email, name=name, birth_date=birth_date)
    names = _names_with(hits, name)
    seen = {(hit.kind, hit.object_id) for hit in hits}
    for other in sorted(n for n in names - {name} if len(n.split()) > 1):
        for hit in person_search(name=other):
            if (hit.kind, hit.object_id) not in seen:
                seen.add((hit.kind, hit.object_id))
                hits.append(hit)
    return hits, names


def _replacer(names: set[str], email: str):
    words = set()
    for name in names:
        parts = name.split()
        words.add(name)
        if len(parts) > 1:
            words.add(" ".join([parts[-1], *parts[:-1]]))
    if email:
        words.add(email)
    if not words:
        return lambda text: text
    # Whole words only: erasing "Ilse" leaves "Ilsebeth" alone.
    pattern = re.compile(
        "|".join(rf"\b{re.escape(word)}\b" for word in sorted(words, key=len, reverse=True)),
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(ERASED, text) if text else text


def _scrub_texts(model, queryset, fields: list[str], replace) -> None:
    rows = list(queryset.only("pk", *fields))
    for row in rows:
        for name in fields:
            setattr(row, name, replace(getattr(row, name)))
    model.objects.bulk_update(rows, fields, batch_size=500)


def _trajectory_texts(trajectory_ids: list[int], replace) -> None:
    _scrub_texts(
        Trajectory,
        Trajectory.objects.filter(pk__in=trajectory_ids),
        [
            "referred_names", "central_question", "concerns", "limits", "intake_note",
            "wish_background", "stop_reason_text", "consent_withdrawn_by",
            "consent_withdrawal_note",
        ],
        replace,
    )  # fmt: skip
    _scrub_texts(Note, Note.objects.filter(trajectory_id__in=trajectory_ids), ["text"], replace)
    _scrub_texts(
        Plan,
        Plan.objects.filter(trajectory_id__in=trajectory_ids),
        ["if_things_go_differently", "referrer_feedback"],
        replace,
    )
    _scrub_texts(
        Agreement,
        Agreement.objects.filter(plan__trajectory_id__in=trajectory_ids),
        ["what"],
        replace,
    )
    _scrub_texts(
        Conference,
        Conference.objects.filter(trajectory_id__in=trajectory_ids),
        ["place", "address", "interpreter", "children_arrangements", "remarks"],
        replace,
    )
    _scrub_texts(
        FollowUp, FollowUp.objects.filter(trajectory_id__in=trajectory_ids), ["note"], replace
    )
    _scrub_texts(
        TrajectoryEvent,
        TrajectoryEvent.objects.filter(trajectory_id__in=trajectory_ids),
        ["description", "reason"],
        replace,
    )
    _scrub_texts(
        Consent,
        Consent.objects.filter(trajectory_id__in=trajectory_ids),
        ["given_by_name", "note"],
        replace,
    )
    _scrub_texts(
        TrajectoryParticipant,
        TrajectoryParticipant.objects.filter(trajectory_id__in=trajectory_ids),
        ["suggested_by", "needs", "relation"],
        replace,
    )
    # An evaluation's open answer may name someone of the family (the answers stay anonymous).
    _scrub_texts(
        ConferenceResponse,
        ConferenceResponse.objects.filter(trajectory_id__in=trajectory_ids),
        ["comment"],
        replace,
    )
    snapshots = list(
        NetworkSnapshot.objects.filter(trajectory_id__in=trajectory_ids).only("pk", "data", "note")
    )
    for snapshot in snapshots:
        snapshot.note = replace(snapshot.note)
        snapshot.data = [
            {**row, "name": ANONYMOUS} if replace(row.get("name", "")) != row.get("name") else row
            for row in snapshot.data
        ]
    NetworkSnapshot.objects.bulk_update(snapshots, ["note", "data"], batch_size=200)


def _trajectory_people(participant_ids: list[int], member_ids: list[int]) -> list[int]:
    """Participants and network members named as the person; returns their trajectories."""
    members = NetworkMember.objects.filter(pk__in=member_ids) | NetworkMember.objects.filter(
        participant_id__in=participant_ids
    )
    member_rows = list(members.only("pk", "trajectory_id"))
    renamed = {row.pk for row in member_rows}
    NetworkMember.objects.filter(pk__in=renamed).update(name=ANONYMOUS)
    TrajectoryParticipant.objects.filter(pk__in=participant_ids).update(
        name=ANONYMOUS,
        address="",
        phone="",
        email="",
        needs="",
        suggested_by="",
        relation="",
        birth_date=None,
    )
    trajectory_ids = set(
        TrajectoryParticipant.objects.filter(pk__in=participant_ids).values_list(
            "trajectory_id", flat=True
        )
    ) | {row.trajectory_id for row in member_rows}
    snapshots = list(
        NetworkSnapshot.objects.filter(trajectory_id__in=trajectory_ids).only("pk", "data")
    )
    for snapshot in snapshots:
        snapshot.data = [
            {**row, "name": ANONYMOUS} if row.get("id") in renamed else row for row in snapshot.data
        ]
    NetworkSnapshot.objects.bulk_update(snapshots, ["data"], batch_size=200)
    return sorted(trajectory_ids)


def _accounts(user_ids: list[int], outcome: ErasureOutcome) -> list[int]:
    """A referrer's or registrant's own login is closed and made anonymous; the login of a
    colleague, a coordinator or a trainer is kept: a manager ends it with the person."""
    erased = []
    for user in User.objects.filter(pk__in=user_ids):
        if user.role == Role.REFERRER and not user.is_staff:
            user.email = anonymous_email("account", user.pk)
            user.first_name = ""
            user.last_name = ""
            user.is_active = False
            user.set_unusable_password()
            user.save()
            erased.append(user.pk)
        else:
            outcome.kept.append(
                Kept(
                    what=_("Een account op het platform (%(role)s)")
                    % {"role": user.get_role_display()},
                    where=_("Gebruikers"),
                    reason=_(
                        "Het account van een medewerker, coördinator of lesgever: een beheerder "
                        "sluit het af wanneer de samenwerking stopt."
                    ),
                )
            )
    return erased


def person_erase(
    *,
    email: str,
    name: str = "",
    birth_date: dt.date | None = None,
    actor: AbstractBaseUser | None,
    chosen: set[str] | None = None,
) -> ErasureOutcome:
    """Erase everything about the person now, in one transaction with its audit entry (counts
    only); the accounting records stay, listed in the outcome with the reason. `chosen`: the
    keys of the hits the office left ticked (None: all); a key the search does not find again
    erases nothing."""
    outcome = ErasureOutcome()
    with transaction.atomic():
        hits, names = erasure_hits(email, name, birth_date)
        if chosen is not None:
            hits = [hit for hit in hits if hit.key in chosen or hit.kind in ACCOUNTING_KINDS]
            # A name only an unticked record gave (someone else's) is not erased from texts.
            names = _names_with(hits, name)
        ids: dict[str, list[int]] = defaultdict(list)
        for hit in hits:
            ids[hit.kind].append(hit.object_id)
        replace = _replacer(names, email)
        accounting_term = term_sentence("accounting", RetentionTerms.current())

        for hit in hits:
            if hit.kind in ACCOUNTING_KINDS:
                outcome.kept.append(
                    Kept(
                        what=hit.where,
                        where=str(KIND_LABELS[hit.kind]),
                        reason=_(
                            "Boekhouding: de wet vraagt deze stukken te bewaren, %(term)s. Na "
                            "die termijn worden naam en rekeningnummer gewist."
                        )
                        % {"term": accounting_term},
                    )
                )
        registrants_anonymise(ids["registration"])
        # A training's evaluation may name them in its open answer (the answers stay anonymous).
        _scrub_texts(
            TrainingResponse,
            TrainingResponse.objects.filter(
                training_id__in=Registration.objects.filter(pk__in=ids["registration"]).values(
                    "training_id"
                )
            ).exclude(comment=""),
            ["comment"],
            replace,
        )
        participant_ids = list(ids["training_participant"])
        participant_ids += list(
            Registration.objects.filter(pk__in=ids["registration"])
            .filter(participants__email__iexact=email)
            .values_list("participants__pk", flat=True)
        )
        training_participants_anonymise(sorted(set(participant_ids)))
        ParticipantAnswer.objects.filter(pk__in=ids["training_answer"]).delete()
        referrers_anonymise(ids["trajectory_referrer"])
        trajectory_ids = _trajectory_people(ids["trajectory_participant"], ids["network_member"])
        text_trajectories = set(trajectory_ids) | set(ids["trajectory_referrer"])
        text_trajectories |= set(ids["trajectory_text"])
        text_trajectories |= set(
            FollowUp.objects.filter(pk__in=ids["followup"]).values_list("trajectory_id", flat=True)
        )
        text_trajectories |= set(
            TrajectoryEvent.objects.filter(pk__in=ids["trajectory_event"]).values_list(
                "trajectory_id", flat=True
            )
        )
        text_trajectories |= set(
            NetworkSnapshot.objects.filter(pk__in=ids["network_snapshot"]).values_list(
                "trajectory_id", flat=True
            )
        )
        _trajectory_texts(sorted(text_trajectories), replace)
        volunteer_applications_anonymise(ids["volunteer_application"])
        mails = OutboxMessage.objects.filter(pk__in=ids["outbox"])
        if email and chosen is None:  # the page shows them as hits, which the office may untick
            mails = mails | OutboxMessage.objects.filter(recipient__iexact=email)
        mail_ids = list(mails.values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=mail_ids).delete()
        erased_users = _accounts(ids["user"], outcome)
        if email:
            for model in (AccessAttempt, AccessLog, AccessFailureLog):
                model.objects.filter(username__iexact=email).delete()
        scrub_audit(
            [
                ("trainings.registration", ids["registration"]),
                ("trainings.participant", participant_ids),
                ("trajectories.trajectory", sorted(text_trajectories)),
                ("trajectories.participant", ids["trajectory_participant"]),
                ("accounts.user", erased_users),
                ("core.outboxmessage", mail_ids),
            ]
        )
        outcome.anonymised = {
            kind: len(set(object_ids))
            for kind, object_ids in ids.items()
            if object_ids and kind not in ACCOUNTING_KINDS
        }
        audit_record_listing(
            actor=actor,
            action="privacy.person_erased",
            model=PrivacyRequest,
            ids=[],
            data={"counts": outcome.anonymised, "kept": len(outcome.kept)},
        )
    return outcome


def privacy_request_erase(
    *,
    privacy_request: PrivacyRequest,
    actor: AbstractBaseUser | None,
    chosen: set[str] | None = None,
) -> ErasureOutcome:
    """Carry out an erasure request: erase, then close the request with what was done and what
    was kept. The request keeps no more of the person than the proof that it was answered."""
    with transaction.atomic():
        privacy_request = PrivacyRequest.objects.select_for_update().get(pk=privacy_request.pk)
        if privacy_request.status != PrivacyRequest.Status.OPEN:
            raise PrivacyRequestRefused(_("Dit verzoek is al afgehandeld. Herlaad de pagina."))
        if privacy_request.kind != PrivacyRequest.Kind.ERASURE:
            raise PrivacyRequestRefused(_("Alleen een verzoek om te wissen wist gegevens."))
        if not (privacy_request.subject_email or privacy_request.subject_name):
            raise PrivacyRequestRefused(
                _("Vul eerst het e-mailadres of de naam van de betrokkene in.")
            )
        outcome = person_erase(
            email=privacy_request.subject_email,
            name=privacy_request.subject_name,
            birth_date=privacy_request.subject_birth_date,
            actor=actor,
            chosen=chosen,
        )
        # Every part of the name: "Ilse zelf, telefonisch" names her as much as her full name.
        parts = {part for part in privacy_request.subject_name.split() if len(part) > 2}
        replace = _replacer(parts, privacy_request.subject_email)
        privacy_request.requested_by = replace(privacy_request.requested_by)
        privacy_request.details = replace(privacy_request.details)
        privacy_request.subject_name = ""
        privacy_request.subject_email = ""
        privacy_request.subject_birth_date = None
        privacy_request.kept = [asdict(kept) for kept in outcome.kept]
        privacy_request.status = PrivacyRequest.Status.ANSWERED
        privacy_request.answered_on = timezone.localdate()
        privacy_request.outcome = (
            _(
                "Gewist: %(count)d gegevens anoniem gemaakt. Bewaard omdat de wet het vraagt: "
                "%(kept)d (zie de lijst)."
            )
            if outcome.kept
            else _("Gewist: %(count)d gegevens anoniem gemaakt. Niets bewaard.")
        ) % {"count": outcome.total, "kept": len(outcome.kept)}
        privacy_request.save()
        audit_record(
            actor=actor,
            action="privacy_request.erased",
            obj=privacy_request,
            data={
                "kind": privacy_request.kind,
                "from": PrivacyRequest.Status.OPEN,
                "to": PrivacyRequest.Status.ANSWERED,
                "counts": outcome.anonymised,
            },
        )
    return outcome
