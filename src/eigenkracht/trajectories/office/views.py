"""The office's pages: the referral inbox and intake, the coordinator pool, assignment."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.http import client_ip
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.trajectories import selectors, services
from eigenkracht.trajectories.access import trajectory_for
from eigenkracht.trajectories.models import Coordinator, Participant, Trajectory, TrajectoryEvent
from eigenkracht.trajectories.office.forms import (
    AssignForm,
    CoordinatorFilterForm,
    CoordinatorForm,
    IntakeForm,
)
from eigenkracht.trajectories.office.ranking import ranked_coordinators
from eigenkracht.trajectories.policies import (
    can_decide_intake_and_assignment,
    can_manage_trajectories,
)
from eigenkracht.volunteers.duties import facts_for
from eigenkracht.volunteers.forms import RankingFilterForm


def _office_only(request: HttpRequest) -> None:
    if not can_manage_trajectories(request.user):
        raise PermissionDenied


@second_factor_required
def inbox(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    asked = TrajectoryEvent.objects.filter(
        trajectory=OuterRef("pk"), action="information_requested"
    )
    queryset = (
        Trajectory.objects.filter(status=Trajectory.Status.REFERRED)
        .annotate(information_requested=Exists(asked))
        .prefetch_related("participants")
        .order_by("-urgency", "referred_at", "id")
    )
    page = paginate(request, queryset, 50)
    services.trajectories_listed(
        actor=request.user, page="inbox", ids=[t.pk for t in page], ip_address=client_ip(request)
    )
    return render(request, "trajectories/office/inbox.html", {"page_obj": page})


@second_factor_required
def intake(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_decide_intake_and_assignment, page="intake")
    # Three small forms on one page, each with its own field ids ("decline-text"): the error
    # summary's links use the posted one's.
    prefixes = {"accept": "accept-%s", "decline": "decline-%s", "request_information": "info-%s"}
    form = IntakeForm(
        request.POST if request.method == "POST" else None,
        auto_id=prefixes.get(request.POST.get("action", ""), "id_%s"),
    )
    if request.method == "POST" and form.is_valid():
        action, text = form.cleaned_data["action"], form.cleaned_data["text"]
        arguments = {
            "trajectory": trajectory,
            "actor": request.user,
            "ip_address": client_ip(request),
        }
        try:
            if action == "accept":
                services.referral_accept(reason=text, **arguments)
                messages.success(request, _("Aanvaard. Zoek nu een coördinator."))
                return redirect("trajectories:assign", pk=trajectory.pk)
            if action == "decline":
                services.referral_decline(reason=text, **arguments)
                messages.success(
                    request,
                    _(
                        "Niet aanvaard. De aanmelder krijgt een mail en leest de reden na het "
                        "inloggen."
                    ),
                )
            else:
                services.referral_request_information(question=text, **arguments)
                messages.success(request, _("Je vraag is naar de aanmelder gemaild."))
            return redirect("trajectories:inbox")
        except Refused as error:
            form.add_error(None, str(error))
    people = list(trajectory.participants.all())
    return render(
        request,
        "trajectories/office/intake.html",
        {
            "trajectory": trajectory,
            "form": form,
            "posted_action": form.data.get("action", ""),
            "main_people": [p for p in people if p.role == Participant.Role.MAIN_PERSON],
            "children": [p for p in people if p.role == Participant.Role.CHILD],
            "events": trajectory.events.select_related("actor"),
        },
    )


@second_factor_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_decide_intake_and_assignment, page="assign")
    coordinators = list(selectors.coordinators_with_load())
    filters = RankingFilterForm(request.GET or None)
    wishes = filters.cleaned_data if filters.is_valid() else {}
    form = AssignForm(
        request.POST if request.method == "POST" else None,
        coordinators=selectors.coordinators_with_load(),
        initial={"replacing": trajectory.coordinator_id},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.coordinator_assign(
                trajectory=trajectory,
                coordinator=form.cleaned_data["coordinator"],
                reason=form.cleaned_data["reason"],
                replacing=form.cleaned_data["replacing"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(name)s is toegewezen en krijgt een mail.")
                % {"name": form.cleaned_data["coordinator"]},
            )
            return redirect("trajectories:detail", pk=trajectory.pk)
    return render(
        request,
        "trajectories/office/assign.html",
        {
            "trajectory": trajectory,
            "form": form,
            "rows": ranked_coordinators(
                trajectory,
                coordinators,
                only_trained=wishes.get("trained", False),
                days=tuple(wishes.get("days", ())),
            ),
            "selected": str(form.data.get("coordinator", "")),
            "filters": filters,
        },
    )


@second_factor_required
def coordinator_list(request: HttpRequest) -> HttpResponse:
    _office_only(request)
    filters = CoordinatorFilterForm(request.GET or None)
    queryset = selectors.coordinators_with_load().order_by(
        "user__first_name", "user__last_name", "pk"
    )
    query = filters.cleaned_data.get("q", "") if filters.is_valid() else ""
    if query:
        queryset = queryset.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(user__email__icontains=query)
        )
    page = paginate(request, queryset, 50)
    facts = facts_for(list(page), today=timezone.localdate())
    for coordinator in page:
        coordinator.facts = facts[coordinator.pk]
    return render(
        request,
        "trajectories/office/coordinator_list.html",
        {
            "page_obj": page,
            "filters": filters,
            "query": query,
            "today": timezone.localdate(),
        },
    )


@second_factor_required
def coordinator_edit(request: HttpRequest, coordinator_pk: int | None = None) -> HttpResponse:
    _office_only(request)
    coordinator = (
        get_object_or_404(Coordinator.objects.select_related("user"), pk=coordinator_pk)
        if coordinator_pk
        else None
    )
    form = CoordinatorForm(request.POST if request.method == "POST" else None, instance=coordinator)
    if request.method == "POST" and form.is_valid():
        saved = services.coordinator_save(
            coordinator=coordinator,
            user_data=form.user_data(),
            data=form.coordinator_data(),
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(
            request,
            _("%(name)s is bewaard.") % {"name": saved}
            if coordinator
            else _("%(name)s is toegevoegd en krijgt een mail om een wachtwoord te kiezen.")
            % {"name": saved},
        )
        return redirect("trajectories:coordinator_list")
    return render(
        request,
        "trajectories/office/coordinator_form.html",
        {"form": form, "coordinator": coordinator},
    )
