"""The evaluation pages: the public forms behind a personal link, the coordinator's list of a
trajectory's links with the QR sheet, and the office's training results.

The public forms are in the participant's language where the form has texts in it. An unknown
link answers 404; a used one a page that says so, kindly."""

import segno
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.two_factor import second_factor_required
from eigenkracht.evaluations import emails, selectors, services
from eigenkracht.evaluations.forms import (
    ChildConferenceForm,
    ConferenceForm,
    SettingsForm,
    TrainingForm,
)
from eigenkracht.evaluations.models import (
    STILL_ASKED,
    Channel,
    ConferenceInvite,
    EvaluationSettings,
    Group,
    TrainingInvite,
)
from eigenkracht.evaluations.policies import (
    can_follow_evaluation_invites,
    can_see_training_evaluations,
)
from eigenkracht.trajectories.access import trajectory_for
from eigenkracht.trajectories.models import FINISHED_STATUSES


def _used(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/used.html")


def _fill_in(
    request: HttpRequest, invite, form, submit, template: str, context: dict | None = None
) -> HttpResponse:
    """The form of a link: on a valid POST the answers are stored once (a second submit, even
    at the same moment, reads that the questionnaire was filled in already)."""
    if request.method == "POST" and form.is_valid():
        try:
            submit(invite=invite, answers=form.answers())
        except services.AlreadyAnswered:
            return _used(request)
        except services.EvaluationRefused as exc:
            form.add_error(None, str(exc))
        else:
            return redirect("evaluations:thanks")
    return render(request, template, {"form": form, **(context or {})})


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, token: str) -> HttpResponse:
    invite = ConferenceInvite.objects.filter(token=token, **STILL_ASKED).first()
    if invite is None:
        raise Http404
    with translation.override(invite.language):
        if invite.used:
            return _used(request)
        form_class = ChildConferenceForm if invite.child_form else ConferenceForm
        form = form_class(request.POST or None, professional=invite.group == Group.PROFESSIONAL)
        return _fill_in(
            request,
            invite,
            form,
            services.conference_response_submit,
            "evaluations/conference_form.html",
        )


@require_http_methods(["GET", "POST"])
def training_respond(request: HttpRequest, token: str) -> HttpResponse:
    invite = TrainingInvite.objects.select_related("training").filter(token=token).first()
    if invite is None:
        raise Http404
    with translation.override(invite.language):
        if invite.used:
            return _used(request)
        return _fill_in(
            request,
            invite,
            TrainingForm(request.POST or None),
            services.training_response_submit,
            "evaluations/training_form.html",
            {"training": invite.training},
        )


@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "evaluations/thanks.html")


@second_factor_required
@require_GET
def trajectory_invites(request: HttpRequest, pk: int) -> HttpResponse:
    trajectory = trajectory_for(
        request, pk, can_follow_evaluation_invites, page="evaluation_invites"
    )
    invites = selectors.trajectory_invites(trajectory)
    return render(
        request,
        "evaluations/trajectory_invites.html",
        {
            "trajectory": trajectory,
            "can_work": True,
            "tab": "evaluation",
            "finished": trajectory.status in FINISHED_STATUSES,
            "invites": invites,
            # Those still to reach on paper: not mailed (or texted), and not answered yet.
            "unreached": [
                i for i in invites if not i.used and i.channel not in {Channel.MAIL, Channel.SMS}
            ],
            "responded": sum(i.used for i in invites),
        },
    )


@second_factor_required
@require_POST
def invite_mail(request: HttpRequest, pk: int, invite_pk: int) -> HttpResponse:
    trajectory = trajectory_for(
        request, pk, can_follow_evaluation_invites, page="evaluation_invites"
    )
    invite = get_object_or_404(ConferenceInvite, pk=invite_pk, trajectory=trajectory)
    try:
        invite = services.conference_link_mail(invite=invite, actor=request.user)
    except services.EvaluationRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("De link is gemaild naar %(email)s.") % {"email": invite.participant.email},
        )
    return redirect("evaluations:trajectory", pk=trajectory.pk)


@second_factor_required
@require_GET
def qr_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A printable A4 page: one QR code with its short address per person, to cut and hand out;
    by default for those the link did not reach, with ?alle=1 for everyone not done yet."""
    trajectory = trajectory_for(request, pk, can_follow_evaluation_invites, page="evaluation_qr")
    everyone = request.GET.get("alle") == "1"
    cards = []
    for invite in selectors.trajectory_invites(trajectory):
        if invite.used or (not everyone and invite.channel in {Channel.MAIL, Channel.SMS}):
            continue
        url = emails.conference_url(invite.token)
        # No fixed size (a viewBox): the style sheet sizes the code, on screen and on paper.
        svg = segno.make(url, error="m").svg_inline(
            scale=3, omitsize=True, title=_("QR-code naar de vragenlijst")
        )
        cards.append({"invite": invite, "url": url, "svg": svg})
    return render(
        request,
        "evaluations/qr_sheet.html",
        {"trajectory": trajectory, "cards": cards, "everyone": everyone},
    )


office_view = policy_required(can_see_training_evaluations)


@office_view
@require_http_methods(["GET", "POST"])
def training_results(request: HttpRequest) -> HttpResponse:
    settings_row = EvaluationSettings.current()
    form = SettingsForm(
        request.POST or None, initial={"reminder_after_days": settings_row.reminder_after_days}
    )
    if request.method == "POST" and form.is_valid():
        services.evaluation_settings_save(
            reminder_after_days=form.cleaned_data["reminder_after_days"], actor=request.user
        )
        messages.success(request, _("De instelling is bewaard."))
        return redirect("evaluations:training_results")
    trainings = selectors.evaluated_trainings()
    return render(
        request,
        "evaluations/training_results.html",
        {
            "section": "evaluations",
            "per_training": selectors.training_evaluation_results(trainings),
            "per_trainer": selectors.training_evaluation_results_by_trainer(trainings),
            "comments": selectors.training_comments(trainings),
            "minimum": selectors.MIN_RESPONSES,
            "form": form,
        },
    )
