"""The coordinator's work pages: participants, the conference and its attendance, the invitation
letters, the plan (and the referrer's decision on it), follow-up and notes.

Every view loads the trajectory through `trajectory_for` with its policy (404 otherwise), lets a
form check the input and one service change state; refusals of a service become form errors or
messages. After a successful POST the browser is redirected (POST-redirect-GET).
"""

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.http import client_ip
from eigenkracht.core.once import SentBefore
from eigenkracht.core.refusals import Refused
from eigenkracht.trajectories import services
from eigenkracht.trajectories.access import trajectory_for
from eigenkracht.trajectories.models import (
    FINISHED_STATUSES,
    Agreement,
    Conference,
    Participant,
    Plan,
    Trajectory,
)
from eigenkracht.trajectories.policies import (
    can_decide_on_plan,
    can_see_plan,
    can_view_trajectory,
    can_work_on_trajectory,
)
from eigenkracht.trajectories.work.forms import (
    AttendanceForm,
    ConferenceForm,
    FollowUpForm,
    InvitationsForm,
    NoteForm,
    ParticipantForm,
    PlanDecisionForm,
    PlanForm,
    agreement_formset,
    language_labels,
)

S = Trajectory.Status
CONFERENCE_STATUSES = frozenset({S.PREPARATION, S.CONFERENCE_PLANNED})


def _participants(trajectory: Trajectory) -> list[Participant]:
    """All participants in one query; `trajectory.title` in the page header reuses them."""
    prefetch_related_objects([trajectory], "participants")
    return list(trajectory.participants.all())


def _page(
    request: HttpRequest, template: str, trajectory: Trajectory, tab: str, **context: Any
) -> HttpResponse:
    return render(
        request,
        f"trajectories/work/{template}",
        {
            "trajectory": trajectory,
            "can_work": can_work_on_trajectory(request.user, trajectory),
            "tab": tab,
            "finished": trajectory.status in FINISHED_STATUSES,
            **context,
        },
    )


def _refused(form: Any, exc: Exception) -> None:
    form.add_error(None, str(exc))


def _latest_plan(trajectory: Trajectory) -> Plan | None:
    return (
        trajectory.plans.select_related("accepted_by")
        .prefetch_related(
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("checked_by").prefetch_related(
                    "responsible"
                ),
            )
        )
        .order_by("-id")
        .first()
    )


# Participants ------------------------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def participants(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="participants")
    people = _participants(trajectory)
    which = request.POST.get("form") if request.method == "POST" else None
    add_form = ParticipantForm(
        request.POST if which == "add" else None,
        instance=Participant(trajectory=trajectory),
        prefix="add",
    )
    invitations = InvitationsForm(
        request.POST if which == "invitations" else None, participants=people, prefix="inv"
    )
    if which == "add" and add_form.is_valid():
        try:
            participant = services.participant_save(
                trajectory=trajectory,
                participant=None,
                data=add_form.service_data(),
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            _refused(add_form, exc)
        else:
            messages.success(
                request, _("%(name)s is toegevoegd aan de deelnemers.") % {"name": participant.name}
            )
            return redirect("trajectories:participants", pk=trajectory.pk)
    if which == "invitations" and invitations.is_valid():
        changes = invitations.changes()
        try:
            with transaction.atomic():
                for participant, invitation in changes:
                    services.participant_save(
                        trajectory=trajectory,
                        participant=participant,
                        data={"invitation": invitation},
                        actor=request.user,
                        ip_address=client_ip(request),
                    )
        except Refused as exc:
            _refused(invitations, exc)
        else:
            if changes:
                messages.success(
                    request,
                    _("De uitnodigingen zijn bijgewerkt (%(count)s gewijzigd).")
                    % {"count": len(changes)},
                )
            else:
                messages.info(request, _("Er was niets gewijzigd aan de uitnodigingen."))
            return redirect("trajectories:participants", pk=trajectory.pk)
    return _page(
        request,
        "participants.html",
        trajectory,
        "participants",
        rows=[
            (participant, language_labels(participant.languages), field)
            for participant, field in invitations.rows()
        ],
        invitations=invitations,
        add_form=add_form,
        invitation_counts=_invitation_counts(people),
    )


def _invitation_counts(people: list[Participant]) -> list[tuple[str, int]]:
    return [
        (label, count)
        for value, label in Participant.Invitation.choices
        if (count := sum(1 for p in people if p.invitation == value))
    ]


def _participant(trajectory: Trajectory, participant_pk: int) -> Participant:
    return get_object_or_404(Participant, pk=participant_pk, trajectory=trajectory)


@second_factor_required
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="participant_edit")
    participant = _participant(trajectory, participant_pk)
    stored_name = participant.name  # the form changes the instance while it validates
    form = ParticipantForm(request.POST or None, instance=participant)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_save(
                trajectory=trajectory,
                participant=participant,
                data=form.service_data(),
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            _refused(form, exc)
        else:
            messages.success(
                request, _("De gegevens van %(name)s zijn bewaard.") % {"name": participant.name}
            )
            return redirect("trajectories:participants", pk=trajectory.pk)
    return _page(
        request,
        "participant_form.html",
        trajectory,
        "participants",
        participant=participant,
        stored_name=stored_name,
        form=form,
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def participant_delete(request: HttpRequest, pk: int, participant_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="participant_delete")
    participant = _participant(trajectory, participant_pk)
    if request.method == "POST":
        try:
            services.participant_delete(
                participant=participant, actor=request.user, ip_address=client_ip(request)
            )
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("%(name)s is verwijderd uit de deelnemers.") % {"name": participant.name}
            )
        return redirect("trajectories:participants", pk=trajectory.pk)
    in_plan = participant.agreements.exists() or participant.agreements_checked.exists()
    return _page(
        request,
        "participant_delete.html",
        trajectory,
        "participants",
        participant=participant,
        in_plan=in_plan,
        attended=participant.attendance.exists(),
    )


# The conference ----------------------------------------------------------------------------------


def _main_conference(trajectory: Trajectory) -> Conference | None:
    return trajectory.conferences.filter(kind=Conference.Kind.CONFERENCE).first()


def _conference_page(request: HttpRequest, trajectory: Trajectory, *, kind: str) -> HttpResponse:
    is_follow_up = kind == Conference.Kind.FOLLOW_UP
    main = _main_conference(trajectory)
    if is_follow_up:
        earlier = list(trajectory.conferences.filter(kind=Conference.Kind.FOLLOW_UP))
        conference = next((c for c in reversed(earlier) if not c.held), None)
        can_plan = trajectory.status == S.FOLLOW_UP
        not_before = main.date if main else None
    else:
        earlier = []
        conference = main
        can_plan = trajectory.status in CONFERENCE_STATUSES and not (main and main.held)
        not_before = None
    form = ConferenceForm(
        request.POST if request.method == "POST" else None,
        instance=conference or Conference(trajectory=trajectory, kind=kind),
        trajectory=trajectory,
        not_before=not_before,
        initial={} if conference else {"languages": ["nl"]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.conference_save(
                trajectory=trajectory,
                conference=conference,
                kind=kind,
                data=form.service_data(),
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("%(kind)s bewaard: %(date)s.")
                % {"kind": saved.get_kind_display(), "date": saved.date.strftime("%d/%m/%Y")},
            )
            name = "follow_up_conference" if is_follow_up else "conference"
            return redirect(f"trajectories:{name}", pk=trajectory.pk)
    if form.is_bound and conference is not None:
        conference.refresh_from_db()  # the form changed it in memory; show what is stored
    people = _participants(trajectory)
    return _page(
        request,
        "conference.html",
        trajectory,
        "follow_up" if is_follow_up else "conference",
        is_follow_up=is_follow_up,
        conference=conference,
        conference_languages=language_labels(conference.languages) if conference else [],
        earlier=[c for c in earlier if c != conference],
        can_plan=can_plan,
        form=form,
        participants=people,
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def conference(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="conference")
    return _conference_page(request, trajectory, kind=Conference.Kind.CONFERENCE)


@second_factor_required
@require_http_methods(["GET", "POST"])
def follow_up_conference(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="follow_up_conference")
    return _conference_page(request, trajectory, kind=Conference.Kind.FOLLOW_UP)


def _conference_url(conference: Conference) -> str:
    name = "follow_up_conference" if conference.kind == Conference.Kind.FOLLOW_UP else "conference"
    return reverse(f"trajectories:{name}", args=[conference.trajectory_id])


@second_factor_required
@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int, conference_pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="attendance")
    conference = get_object_or_404(trajectory.conferences, pk=conference_pk)
    people = _participants(trajectory)
    form = AttendanceForm(
        request.POST or None,
        participants=people,
        attendance=conference.attendance.all(),
        initial={"private_time_minutes": conference.private_time_minutes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                conference=conference,
                presence=form.presence(),
                private_time_minutes=form.cleaned_data["private_time_minutes"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            _refused(form, exc)
        else:
            messages.success(
                request,
                _("De aanwezigheden zijn bewaard; de Eigen Kracht-conferentie staat als gehouden.")
                if conference.kind == Conference.Kind.CONFERENCE
                else _("De aanwezigheden zijn bewaard; de vervolgconferentie staat als gehouden."),
            )
            return redirect(_conference_url(conference))
    return _page(
        request,
        "attendance.html",
        trajectory,
        "follow_up" if conference.kind == Conference.Kind.FOLLOW_UP else "conference",
        conference=conference,
        conference_url=_conference_url(conference),
        form=form,
        too_early=conference.date > timezone.localdate(),
    )


@second_factor_required
@require_GET
def invitation_letter(
    request: HttpRequest, pk: int, conference_pk: int, participant_pk: int
) -> HttpResponse:
    from eigenkracht.trajectories.work import pdf  # loaded when used (fpdf2)

    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="invitation_letter")
    conference = get_object_or_404(trajectory.conferences, pk=conference_pk)
    participant = _participant(trajectory, participant_pk)
    content = pdf.invitation_letter_pdf(
        conference=conference,
        participant=participant,
        main_people=trajectory.participants.filter(role=Participant.Role.MAIN_PERSON),
    )
    return _pdf_response(content, f"uitnodiging-{trajectory.reference}-{participant.pk}.pdf")


@second_factor_required
@require_POST
def invitation_mail(
    request: HttpRequest, pk: int, conference_pk: int, participant_pk: int
) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="invitation_mail")
    conference = get_object_or_404(trajectory.conferences, pk=conference_pk)
    participant = _participant(trajectory, participant_pk)
    try:
        services.invitation_mail(
            conference=conference,
            participant=participant,
            actor=request.user,
            ip_address=client_ip(request),
        )
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("De uitnodiging is gemaild naar %(name)s.") % {"name": participant.name},
        )
    return redirect(_conference_url(conference))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


# The plan ----------------------------------------------------------------------------------------


def _plan_page(
    request: HttpRequest,
    trajectory: Trajectory,
    plan: Plan | None,
    *,
    plan_form: PlanForm | None = None,
    formset: Any = None,
    decision_form: PlanDecisionForm | None = None,
) -> HttpResponse:
    agreements = list(plan.agreements.all()) if plan else []
    if not can_work_on_trajectory(request.user, trajectory):
        return _page(
            request,
            "plan_referrer.html",
            trajectory,
            "plan",
            plan=plan,
            agreements=agreements,
            decision_form=decision_form or PlanDecisionForm(),
            can_decide=plan.status == Plan.Status.PRESENTED
            and can_decide_on_plan(request.user, trajectory),
        )
    people = _participants(trajectory)
    editable = trajectory.status not in FINISHED_STATUSES and (
        plan is None or plan.status in {Plan.Status.DRAFT, Plan.Status.CHANGES_REQUESTED}
    )
    if editable and plan_form is None:
        plan_form = PlanForm(
            initial={
                "evaluation_on": plan.evaluation_on if plan else None,
                "if_things_go_differently": plan.if_things_go_differently if plan else "",
            }
        )
        formset = agreement_formset(plan=plan, participants=people)
    return _page(
        request,
        "plan.html",
        trajectory,
        "plan",
        plan=plan,
        agreements=agreements,
        editable=editable,
        plan_form=plan_form,
        formset=formset,
        can_present=bool(
            plan
            and plan.status == Plan.Status.DRAFT
            and agreements
            and trajectory.status in {S.PREPARATION, S.CONFERENCE_PLANNED, S.PLAN_MADE}
        ),
        has_participants=bool(people),
        can_decide=bool(plan)
        and plan.status == Plan.Status.PRESENTED
        and can_decide_on_plan(request.user, trajectory),
        decision_form=decision_form or PlanDecisionForm(),
    )


@second_factor_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_view_trajectory, page="plan")
    current = _latest_plan(trajectory)
    can_work = can_work_on_trajectory(request.user, trajectory)
    if not can_work and (current is None or not can_see_plan(request.user, trajectory, current)):
        raise Http404
    if request.method != "POST":
        return _plan_page(request, trajectory, current)
    if not can_work:
        raise Http404
    people = _participants(trajectory)
    plan_form = PlanForm(request.POST)
    formset = agreement_formset(request.POST, plan=current, participants=people)
    if plan_form.is_valid() and formset.is_valid():
        try:
            saved = services.plan_save(
                trajectory=trajectory,
                evaluation_on=plan_form.cleaned_data["evaluation_on"],
                if_things_go_differently=plan_form.cleaned_data["if_things_go_differently"],
                agreements=formset.agreements(),
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as exc:
            _refused(plan_form, exc)
        else:
            messages.success(
                request,
                _("Het plan is bewaard (versie %(revision)s, %(count)s afspraken).")
                % {"revision": saved.revision, "count": len(formset.agreements())},
            )
            return redirect("trajectories:plan", pk=trajectory.pk)
    return _plan_page(request, trajectory, current, plan_form=plan_form, formset=formset)


@second_factor_required
@require_POST
def plan_present(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="plan_present")
    current = trajectory.plans.order_by("-id").first()
    if current is None:
        messages.error(request, _("Er is nog geen plan om voor te stellen."))
    else:
        try:
            services.plan_present(plan=current, actor=request.user, ip_address=client_ip(request))
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Het plan is voorgesteld aan %(name)s, de aanmelder.")
                % {"name": trajectory.referrer_name},
            )
    return redirect("trajectories:plan", pk=trajectory.pk)


@second_factor_required
@require_POST
def plan_decide(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_decide_on_plan, page="plan_decide")
    current = _latest_plan(trajectory)
    if current is None or not can_see_plan(request.user, trajectory, current):
        raise Http404
    form = PlanDecisionForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == PlanDecisionForm.ACCEPT:
                services.plan_accept(
                    plan=current, actor=request.user, ip_address=client_ip(request)
                )
                messages.success(
                    request, _("Je hebt het plan aanvaard. De opvolging kan beginnen.")
                )
            else:
                services.plan_request_changes(
                    plan=current,
                    actor=request.user,
                    feedback=form.cleaned_data["feedback"].strip(),
                    ip_address=client_ip(request),
                )
                messages.success(
                    request,
                    _("Je vraag om het plan aan te vullen is doorgegeven aan de coördinator."),
                )
        except Refused as exc:
            messages.error(request, str(exc))
        return redirect("trajectories:plan", pk=trajectory.pk)
    return _plan_page(request, trajectory, current, decision_form=form)


@second_factor_required
@require_GET
def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from eigenkracht.trajectories.work import pdf  # loaded when used (fpdf2)

    trajectory = trajectory_for(request, pk, can_view_trajectory, page="plan_pdf")
    current = _latest_plan(trajectory)
    if (
        current is None
        or current.status != Plan.Status.ACCEPTED
        or not can_see_plan(request.user, trajectory, current)
    ):
        raise Http404
    content = pdf.plan_pdf(
        trajectory=trajectory, plan=current, agreements=list(current.agreements.all())
    )
    return _pdf_response(content, f"plan-{trajectory.reference}.pdf")


# Follow-up and notes -----------------------------------------------------------------------------


@second_factor_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="follow_up")
    current = _latest_plan(trajectory)
    accepted = current if current and current.status == Plan.Status.ACCEPTED else None
    agreements = list(accepted.agreements.all()) if accepted else []
    can_record = trajectory.status == S.FOLLOW_UP
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        agreements=agreements,
        not_before=timezone.localdate(accepted.accepted_at)
        if accepted and accepted.accepted_at
        else None,
        initial={"held_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_record(
                trajectory=trajectory,
                held_on=form.cleaned_data["held_on"],
                note=form.cleaned_data["note"],
                progress=form.progress(),
                satisfaction=form.satisfaction(),
                actor=request.user,
                ip_address=client_ip(request),
                once=form.cleaned_data["once"],
            )
        except SentBefore as exc:  # noted the first time
            messages.info(request, str(exc))
            return redirect("trajectories:follow_up", pk=trajectory.pk)
        except Refused as exc:
            _refused(form, exc)
        else:
            messages.success(request, _("De opvolging is genoteerd."))
            return redirect("trajectories:follow_up", pk=trajectory.pk)
    return _page(
        request,
        "follow_up.html",
        trajectory,
        "follow_up",
        plan=accepted,
        form=form,
        can_record=can_record,
        today=timezone.localdate(),
        follow_ups=trajectory.follow_ups.select_related("author").order_by("-held_on", "-id"),
        follow_up_conferences=trajectory.conferences.filter(kind=Conference.Kind.FOLLOW_UP),
    )


@second_factor_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="note_add")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(
                trajectory=trajectory,
                text=form.cleaned_data["text"],
                actor=request.user,
                ip_address=client_ip(request),
                once=form.cleaned_data["once"],
            )
        except SentBefore as exc:  # saved the first time
            messages.info(request, str(exc))
        except Refused as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("De notitie is bewaard."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("trajectories:detail", pk=trajectory.pk)
