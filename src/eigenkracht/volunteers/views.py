"""The volunteers' pages: the public application, the office's pipeline and per coordinator
the training, duties, availability and agenda; the private calendar feed."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.core.http import client_ip
from eigenkracht.core.pagination import paginate
from eigenkracht.core.refusals import Refused
from eigenkracht.pages.selectors import page_find
from eigenkracht.trajectories.models import Coordinator
from eigenkracht.volunteers import services
from eigenkracht.volunteers.duties import facts_for, record_valid_until
from eigenkracht.volunteers.forms import (
    ApplicationForm,
    AvailabilityForm,
    AwayFormSet,
    DutiesForm,
    IntervisionForm,
    ModuleForm,
    MoveForm,
    SettingsForm,
    TrainingForm,
)
from eigenkracht.volunteers.ical import coordinator_ical
from eigenkracht.volunteers.models import (
    Application,
    IntervisionSession,
    ModuleFollowed,
    TrainingModule,
    Volunteer,
    VolunteerSettings,
)
from eigenkracht.volunteers.policies import (
    can_manage_volunteers,
    can_set_volunteer_terms,
    can_use_own_agenda,
)

PAGE_SLUG = "coordinator-worden"
SESSION_KEY = "volunteer_application"


def _allowed(request: HttpRequest, policy: Callable[[Any], bool]) -> None:
    if not policy(request.user):
        raise Http404


# Public -----------------------------------------------------------------------------------------


@never_cache
def apply(request: HttpRequest) -> HttpResponse:
    form = ApplicationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            return redirect("volunteers_public:received")
        if form.is_valid():
            try:
                services.application_submit(
                    data=form.application_data(), ip_address=client_ip(request)
                )
            except Refused as error:
                form.add_error(None, str(error))
            else:
                request.session[SESSION_KEY] = True
                return redirect("volunteers_public:received")
    return render(request, "volunteers/apply.html", {"page": page_find(PAGE_SLUG), "form": form})


@never_cache
def received(request: HttpRequest) -> HttpResponse:
    return render(request, "volunteers/received.html")


def feed(request: HttpRequest, token: str) -> HttpResponse:
    volunteer = get_object_or_404(
        Volunteer.objects.select_related("coordinator__user"),
        feed_token=token,
        coordinator__user__is_active=True,
    )
    response = HttpResponse(
        coordinator_ical(volunteer.coordinator), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = "private, no-store"
    return response


# The office: applications -----------------------------------------------------------------------


@second_factor_required
def application_list(request: HttpRequest) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    step = request.GET.get("stap", "")
    queryset = Application.objects.all()
    if step in Application.Step.values:
        queryset = queryset.filter(step=step)
    counts = dict(
        Application.objects.order_by()
        .values_list("step")
        .annotate(n=Count("id"))
        .values_list("step", "n")
    )
    return render(
        request,
        "volunteers/application_list.html",
        {
            "page_obj": paginate(request, queryset, 50),
            "step": step,
            "steps": [
                (value, label, counts.get(value, 0)) for value, label in Application.Step.choices
            ],
        },
    )


@second_factor_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    application = get_object_or_404(Application, pk=pk)
    form = MoveForm(request.POST if request.method == "POST" else None, application=application)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_move(
                application=application,
                actor=request.user,
                ip_address=client_ip(request),
                **form.cleaned_data,
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De stap is bewaard."))
            return redirect("volunteers:application", pk=application.pk)
    return render(
        request,
        "volunteers/application_detail.html",
        {
            "application": application,
            "form": form,
            "steps": application.steps.select_related("actor"),
            "can_create_account": application.coordinator_id is None
            and application.step in services.ACCOUNT_STEPS,
        },
    )


@second_factor_required
@require_POST
def application_account(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    application = get_object_or_404(Application, pk=pk)
    try:
        coordinator = services.application_account_create(
            application=application, actor=request.user, ip_address=client_ip(request)
        )
    except Refused as error:
        messages.error(request, str(error))
        return redirect("volunteers:application", pk=application.pk)
    messages.success(
        request,
        _("%(name)s is coördinator en krijgt een mail om een wachtwoord te kiezen.")
        % {"name": coordinator},
    )
    return redirect("volunteers:duties", coordinator_pk=coordinator.pk)


# The office: per coordinator --------------------------------------------------------------------


def _coordinator(request: HttpRequest, coordinator_pk: int) -> Coordinator:
    _allowed(request, can_manage_volunteers)
    return get_object_or_404(Coordinator.objects.select_related("user"), pk=coordinator_pk)


@second_factor_required
def duties(request: HttpRequest, coordinator_pk: int) -> HttpResponse:
    coordinator = _coordinator(request, coordinator_pk)
    volunteer = Volunteer.objects.filter(pk=coordinator.pk).first() or Volunteer(
        coordinator=coordinator
    )
    form = DutiesForm(request.POST if request.method == "POST" else None, instance=volunteer)
    if request.method == "POST" and form.is_valid():
        services.volunteer_duties_save(
            coordinator=coordinator,
            data={name: form.cleaned_data[name] for name in DutiesForm.Meta.fields},
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(
            request, _("De plichten van %(name)s zijn bewaard.") % {"name": coordinator}
        )
        return redirect("volunteers:duties", coordinator_pk=coordinator.pk)
    years = VolunteerSettings.current().record_renewal_years
    return render(
        request,
        "volunteers/duties.html",
        {
            "coordinator": coordinator,
            "form": form,
            "facts": facts_for([coordinator], today=timezone.localdate())[coordinator.pk],
            "years": years,
            "valid_until": record_valid_until(volunteer.record_checked_on, years)
            if volunteer.record_checked_on
            else None,
        },
    )


@second_factor_required
def training(request: HttpRequest, coordinator_pk: int) -> HttpResponse:
    coordinator = _coordinator(request, coordinator_pk)
    modules = list(TrainingModule.objects.filter(active=True))
    followed = dict(
        ModuleFollowed.objects.filter(coordinator=coordinator).values_list(
            "module_id", "followed_on"
        )
    )
    form = TrainingForm(
        request.POST if request.method == "POST" else None,
        modules=modules,
        initial={
            **{f"module_{pk}": day for pk, day in followed.items()},
            "intervisions": list(coordinator.intervisions.values_list("pk", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():
        services.volunteer_training_save(
            coordinator=coordinator,
            modules=form.module_dates(),
            intervisions={s.pk for s in form.cleaned_data["intervisions"]},
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(
            request, _("De opleiding van %(name)s is bewaard.") % {"name": coordinator}
        )
        return redirect("volunteers:training", coordinator_pk=coordinator.pk)
    return render(
        request,
        "volunteers/training.html",
        {
            "coordinator": coordinator,
            "form": form,
            "trained": facts_for([coordinator], today=timezone.localdate())[coordinator.pk].trained,
        },
    )


@second_factor_required
def availability(request: HttpRequest, coordinator_pk: int) -> HttpResponse:
    coordinator = _coordinator(request, coordinator_pk)
    volunteer = Volunteer.objects.filter(pk=coordinator.pk).first()
    data = request.POST if request.method == "POST" else None
    form = AvailabilityForm(
        data,
        initial={
            "preferred_days": volunteer.preferred_days if volunteer else [],
            "preferred_parts": volunteer.preferred_parts if volunteer else [],
            "max_trajectories": coordinator.max_trajectories,
        },
    )
    away = AwayFormSet(
        data,
        prefix="away",
        initial=[
            {"starts_on": p.starts_on, "ends_on": p.ends_on, "note": p.note}
            for p in coordinator.away_periods.all()
        ],
    )
    if request.method == "POST" and form.is_valid() and away.is_valid():
        services.volunteer_availability_save(
            coordinator=coordinator,
            preferred_days=form.cleaned_data["preferred_days"],
            preferred_parts=form.cleaned_data["preferred_parts"],
            max_trajectories=form.cleaned_data["max_trajectories"],
            away=[
                (f.cleaned_data["starts_on"], f.cleaned_data["ends_on"], f.cleaned_data["note"])
                for f in away
                if f.cleaned_data.get("starts_on")
            ],
            actor=request.user,
            ip_address=client_ip(request),
        )
        messages.success(
            request, _("De beschikbaarheid van %(name)s is bewaard.") % {"name": coordinator}
        )
        return redirect("volunteers:availability", coordinator_pk=coordinator.pk)
    return render(
        request,
        "volunteers/availability.html",
        {"coordinator": coordinator, "form": form, "away": away},
    )


def _agenda(request: HttpRequest, coordinator: Coordinator, renew_url: str) -> HttpResponse:
    if request.method == "POST":
        services.feed_token_renew(
            coordinator=coordinator, actor=request.user, ip_address=client_ip(request)
        )
        messages.success(request, _("Er is een nieuwe link; de oude werkt niet meer."))
        return redirect(renew_url)
    volunteer, _created = Volunteer.objects.get_or_create(coordinator=coordinator)
    return render(
        request,
        "volunteers/agenda.html",
        {
            "coordinator": coordinator,
            "feed_url": request.build_absolute_uri(
                reverse("volunteers_public:feed", args=[volunteer.feed_token])
            ),
            "own": request.user == coordinator.user,
        },
    )


@second_factor_required
def agenda(request: HttpRequest, coordinator_pk: int) -> HttpResponse:
    coordinator = _coordinator(request, coordinator_pk)
    return _agenda(request, coordinator, request.path)


@second_factor_required
def my_agenda(request: HttpRequest) -> HttpResponse:
    _allowed(request, can_use_own_agenda)
    return _agenda(request, request.user.coordinator, request.path)


# The office: modules, intervisions, settings ----------------------------------------------------


@second_factor_required
def modules(request: HttpRequest) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    form = ModuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.training_module_save(module=None, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("De module is toegevoegd."))
        return redirect("volunteers:modules")
    return render(
        request,
        "volunteers/modules.html",
        {"modules": TrainingModule.objects.all(), "form": form},
    )


@second_factor_required
def module_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    module = get_object_or_404(TrainingModule, pk=pk)
    form = ModuleForm(request.POST if request.method == "POST" else None, instance=module)
    if request.method == "POST" and form.is_valid():
        services.training_module_save(module=module, data=form.cleaned_data, actor=request.user)
        messages.success(request, _("De module is bewaard."))
        return redirect("volunteers:modules")
    return render(request, "volunteers/module_edit.html", {"module": module, "form": form})


@second_factor_required
def intervisions(request: HttpRequest) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    return render(
        request,
        "volunteers/intervisions.html",
        {
            "page_obj": paginate(
                request,
                IntervisionSession.objects.annotate(present=Count("attendees")).order_by(
                    "-date", "-id"
                ),
                50,
            )
        },
    )


@second_factor_required
def intervision_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _allowed(request, can_manage_volunteers)
    session = get_object_or_404(IntervisionSession, pk=pk) if pk else None
    form = IntervisionForm(
        request.POST if request.method == "POST" else None,
        instance=session,
        initial={"attendees": list(session.attendees.all()) if session else []},
    )
    if request.method == "POST" and form.is_valid():
        services.intervision_save(
            session=session,
            data={"date": form.cleaned_data["date"], "theme": form.cleaned_data["theme"]},
            attendees=list(form.cleaned_data["attendees"]),
            actor=request.user,
        )
        messages.success(request, _("De intervisie is bewaard."))
        return redirect("volunteers:intervisions")
    return render(request, "volunteers/intervision_edit.html", {"session": session, "form": form})


@second_factor_required
def volunteer_settings(request: HttpRequest) -> HttpResponse:
    _allowed(request, can_set_volunteer_terms)
    current = VolunteerSettings.current()
    form = SettingsForm(
        request.POST if request.method == "POST" else None,
        initial={"record_renewal_years": current.record_renewal_years},
    )
    if request.method == "POST" and form.is_valid():
        services.volunteer_settings_save(
            record_renewal_years=form.cleaned_data["record_renewal_years"], actor=request.user
        )
        messages.success(request, _("De termijn is bewaard."))
        return redirect("volunteers:settings")
    return render(request, "volunteers/settings.html", {"form": form})
