"""The public referral form (/aanmelden/)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from eigenkracht.core.http import client_ip
from eigenkracht.core.once import SentBefore
from eigenkracht.core.refusals import Refused
from eigenkracht.trajectories import services
from eigenkracht.trajectories.referral.forms import (
    ReferralForm,
    children_formset,
    main_people_formset,
    rows_split,
)

SESSION_KEY = "referral_reference"


@never_cache
def referral_form(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = ReferralForm(data)
    people = main_people_formset(data)
    children = children_formset(data)
    if request.method == "POST":
        if form.is_bot():
            return redirect("referral:received")
        valid = [form.is_valid(), people.is_valid(), children.is_valid()]
        if all(valid):
            try:
                trajectory = services.referral_submit(
                    referral=form.referral_data(),
                    **form.consent_giver(),
                    main_people=[f.person_data() for f in people if f.has_changed()],
                    children=[f.person_data() for f in children if f.has_changed()],
                    ip_address=client_ip(request),
                    once=form.cleaned_data["once"],
                )
            except SentBefore:
                return redirect("referral:received")  # as the first send was answered
            except Refused as error:
                form.add_error(None, str(error))
            else:
                request.session[SESSION_KEY] = trajectory.reference
                return redirect("referral:received")
    return render(
        request,
        "trajectories/referral/form.html",
        {
            "form": form,
            "people": people,
            "children": children,
            "people_rows": rows_split(people),
            "children_rows": rows_split(children),
        },
    )


@never_cache
def referral_received(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "trajectories/referral/received.html",
        {"reference": request.session.get(SESSION_KEY, "")},
    )
