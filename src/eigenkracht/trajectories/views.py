"""The trajectory pages every role shares: the list and a trajectory's own page. What each role
sees is decided by the policies; others get 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eigenkracht.accounts.policies import can_use_trajectories
from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.http import client_ip
from eigenkracht.core.models import Organisation
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.core.work import waiting
from eigenkracht.network.selectors import average_growth
from eigenkracht.trajectories import selectors, services
from eigenkracht.trajectories.access import display_title, trajectory_for
from eigenkracht.trajectories.forms import (
    CloseForm,
    ConsentForm,
    ConsentWithdrawalForm,
    ListFilterForm,
    StopForm,
)
from eigenkracht.trajectories.home import trajectory_work
from eigenkracht.trajectories.models import Conference, Participant, Plan
from eigenkracht.trajectories.policies import (
    can_manage_trajectories,
    can_record_consent,
    can_view_trajectory,
    can_work_on_trajectory,
)


@second_factor_required
def trajectory_list(request: HttpRequest) -> HttpResponse:
    if not can_use_trajectories(request.user):
        raise PermissionDenied
    filters = ListFilterForm(request.GET or None)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    organisation = Organisation.current()
    norms = selectors.norms_now(organisation)
    queryset = selectors.trajectories_for_list(
        request.user,
        norms=norms,
        status=criteria.get("status", ""),
        warning=criteria.get("warning", ""),
        query=criteria.get("q", ""),
    )
    page = paginate(request, queryset, 50)
    for trajectory in page:
        trajectory.display_title = display_title(request.user, trajectory)
    services.trajectories_listed(
        actor=request.user,
        page="list",
        ids=[t.pk for t in page],
        ip_address=client_ip(request),
    )
    office = can_manage_trajectories(request.user)
    counts = selectors.status_counts(request.user) if office else {}
    return render(
        request,
        "trajectories/list.html",
        {
            "page_obj": page,
            "filters": filters,
            "is_filtered": any(criteria.values()),
            "office": office,
            "organisation_norms": organisation,
            # Read once for the norms; the layout shows it too (its context processor is lazy).
            "organisation": organisation,
            "today": norms.today,
            "status_counts": [
                (value, label, counts.get(value, 0))
                for value, label in selectors.Trajectory.Status.choices
            ],
            "warning_counts": selectors.warning_counts(request.user, norms=norms) if office else {},
            "network_growth": average_growth() if office else None,
            # The office's work is on /beheer/; a coordinator lands here and finds theirs on top.
            "work": [] if office else waiting(trajectory_work(request.user, organisation)),
        },
    )


@second_factor_required
def trajectory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_view_trajectory, page="detail")
    can_work = can_work_on_trajectory(request.user, trajectory)
    people = list(trajectory.participants.filter(role__in=["main_person", "child"]))
    plan = trajectory.plans.order_by("-id").first()
    context = {
        "trajectory": trajectory,
        "tab": "detail",
        "can_work": can_work,
        "office": can_manage_trajectories(request.user),
        "main_people": [p for p in people if p.role == Participant.Role.MAIN_PERSON],
        "children": [p for p in people if p.role == Participant.Role.CHILD],
        "plan": plan,
        "plan_visible": plan is not None
        and (can_work or plan.status in {Plan.Status.PRESENTED, Plan.Status.ACCEPTED}),
        "actions": services.allowed_actions(trajectory),
    }
    if can_work:
        context.update(
            consents=trajectory.consents.select_related("recorded_by"),
            can_record_consent=can_record_consent(request.user, trajectory),
            events=trajectory.events.select_related("actor"),
            notes=trajectory.notes.select_related("author"),
            conferences=trajectory.conferences.all(),
            participant_count=trajectory.participants.count(),
            Conference=Conference,
        )
    else:
        # Status changes, and what the office wrote for the referrer: a decline's reason and
        # questions; other reasons and who acted stay internal.
        context["events"] = trajectory.events.filter(
            ~Q(to_status="") | Q(action="information_requested")
        ).only("at", "description", "to_status", "action", "reason")
    return render(request, "trajectories/detail.html", context)


@second_factor_required
@require_POST
def preparation_start(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="preparation_start")
    try:
        services.preparation_start(
            trajectory=trajectory, actor=request.user, ip_address=client_ip(request)
        )
    except Refused as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("De voorbereiding is gestart."))
    return redirect("trajectories:detail", pk=trajectory.pk)


@second_factor_required
def stop(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="stop")
    form = StopForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.trajectory_stop(
                trajectory=trajectory,
                reason=form.cleaned_data["reason"],
                explanation=form.cleaned_data["explanation"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het traject is gestopt."))
            return redirect("trajectories:detail", pk=trajectory.pk)
    return render(
        request,
        "trajectories/stop.html",
        {"trajectory": trajectory, "form": form, "can_work": True, "tab": "detail"},
    )


@second_factor_required
def close(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_work_on_trajectory, page="close")
    held = trajectory.conferences.filter(held=True, kind=Conference.Kind.CONFERENCE).exists()
    form = CloseForm(
        request.POST if request.method == "POST" else None,
        initial={
            "outcome": "plan_with_conference" if held else "plan_without_conference",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.trajectory_close(
                trajectory=trajectory,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["remark"],
                actor=request.user,
                ip_address=client_ip(request),
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het traject is afgesloten."))
            return redirect("trajectories:detail", pk=trajectory.pk)
    return render(
        request,
        "trajectories/close.html",
        {"trajectory": trajectory, "form": form, "can_work": True, "tab": "detail"},
    )


# The family's consent ----------------------------------------------------------------------------


@second_factor_required
def consent_add(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(request, pk, can_record_consent, page="consent_add")
    form = ConsentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_add(
                trajectory=trajectory,
                actor=request.user,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De toestemming is genoteerd."))
            return redirect("trajectories:detail", pk=trajectory.pk)
    return render(
        request,
        "trajectories/consent_add.html",
        {"trajectory": trajectory, "form": form, "can_work": True, "tab": "detail"},
    )


@second_factor_required
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps: the form, then a page that says what will happen and asks to confirm."""
    trajectory = trajectory_for(request, pk, can_record_consent, page="consent_withdraw")
    first = trajectory.consents.order_by("given_on").values_list("given_on", flat=True).first()
    form = ConsentWithdrawalForm(
        request.POST if request.method == "POST" else None, first_consent_on=first
    )
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") == "yes":
            try:
                services.consent_withdraw(
                    trajectory=trajectory,
                    actor=request.user,
                    ip_address=client_ip(request),
                    **form.cleaned_data,
                )
            except Refused as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("De intrekking van de toestemming is genoteerd."))
                return redirect("trajectories:detail", pk=trajectory.pk)
        else:
            confirming = True
    return render(
        request,
        "trajectories/consent_withdraw.html",
        {
            "trajectory": trajectory,
            "form": form,
            "confirming": confirming,
            "will_stop": "stop" in services.allowed_actions(trajectory),
            "can_work": True,
            "tab": "detail",
        },
    )
