import datetime as dt

from babel.dates import format_date
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from eigenkracht.core.http import client_ip
from eigenkracht.core.models import Organisation
from eigenkracht.core.page_cache import (
    cached_for_visitors,
    cached_fragment,
    current_version,
)
from eigenkracht.core.pagination import page_number, paginate_count
from eigenkracht.core.refusals import Refused
from eigenkracht.trainings import selectors, services
from eigenkracht.trainings.forms import (
    CalendarFilterForm,
    ColleagueFormSet,
    EmployerForm,
    RegistrationForm,
)
from eigenkracht.trainings.ical import trainings_ical
from eigenkracht.trainings.models import Training
from eigenkracht.trainings.questions.forms import RegistrationAnswers
from eigenkracht.trainings.questions.services import questions_on_form

CALENDAR_PAGE_SIZE = 20


def _calendar_choices() -> tuple[list[str], list[tuple[str, str]]]:
    months = selectors.calendar_months()
    return (
        selectors.calendar_cities(),
        [(f"{m:%Y-%m}", format_date(m, "LLLL y", locale="nl_BE")) for m in months],
    )


def _calendar_cards(city: str, month: dt.date | None, number: int) -> tuple[str, int]:
    """The rendered cards of one page of the calendar, and how many trainings there are."""
    paginator = Paginator(selectors.public_trainings(city=city, month=month), CALENDAR_PAGE_SIZE)
    page = paginator.get_page(number)
    html = render_to_string("trainings/_calendar_cards.html", {"trainings": page.object_list})
    return html, paginator.count


def _public_context(version: str) -> dict:
    """What every public page shows besides its own content (the organisation in the header and
    footer), from the fragment cache: the organisation is part of the data version."""
    return {"organisation": cached_fragment(version, "organisation", (), Organisation.current)}


@cached_for_visitors(selectors.calendar_version, params=("city", "month", "page"))
def calendar(request: HttpRequest) -> HttpResponse:
    # The cards and the filter's choices are the same for everyone: cached by the data version,
    # also for visitors with a session, whose whole page is not cached.
    version = current_version(selectors.calendar_version)
    cities, months = cached_fragment(version, "calendar-choices", (), _calendar_choices)
    form = CalendarFilterForm(request.GET or None, cities=cities, months=months)
    city, month = "", None
    if form.is_bound and form.is_valid():
        city = form.cleaned_data["city"]
        if form.cleaned_data["month"]:
            month = dt.date.fromisoformat(form.cleaned_data["month"] + "-01")
    filtered = bool(city or month)

    def filters() -> str:
        return render_to_string(
            "trainings/_calendar_filters.html", {"form": form, "filtered": filtered}
        )

    # The rendered filter form too, keyed by what it shows; a refused choice is shown as typed,
    # so that form is rendered each time (its values are not bounded).
    if form.is_bound and form.errors:
        filters_html = filters()
    else:
        filters_html = cached_fragment(
            version, "calendar-filters", (form.is_bound, city, month), filters
        )
    number = page_number(request)
    cards, count = cached_fragment(
        version,
        "calendar-cards",
        (city, month, number),
        lambda: _calendar_cards(city, month, number),
    )
    page = paginate_count(count, number, CALENDAR_PAGE_SIZE)
    about = cached_fragment(
        version, "calendar-about", (), lambda: render_to_string("trainings/_calendar_about.html")
    )
    return render(
        request,
        "trainings/calendar.html",
        {
            **_public_context(version),
            "about": about,
            "filters": filters_html,
            "form": form,
            "page_obj": page,
            "cards": cards,
            "has_trainings": bool(count),
            "filtered": filtered,
        },
    )


def calendar_ics(request: HttpRequest) -> HttpResponse:
    trainings = selectors.public_trainings()
    response = HttpResponse(
        trainings_ical(trainings, name=_("Vormingen")), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="vormingen.ics"'
    return response


def _public_training_or_404(pk: int) -> Training:
    try:
        return selectors.public_training(pk)
    except Training.DoesNotExist as exc:
        raise Http404 from exc


def _training_page(pk: int) -> tuple[Training, str]:
    """The training (with its sessions and seats) and its rendered facts and description."""
    training = _public_training_or_404(pk)
    facts = render_to_string("trainings/_detail_facts.html", {"training": training})
    return training, facts


@cached_for_visitors(selectors.calendar_version)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The training and its facts are the same for everyone: cached by the data version, also for
    # visitors with a session. Only trainings that exist are cached (an unknown one raises 404),
    # so made-up addresses cannot fill the cache. Whether registration is open is decided now.
    version = current_version(selectors.calendar_version)
    training, facts = cached_fragment(version, "training-page", (pk,), lambda: _training_page(pk))
    return render(
        request,
        "trainings/detail.html",
        {
            **_public_context(version),
            "training": training,
            "facts": facts,
            "closed_reason": services.registration_closed_reason(training),
            "seats_left": training.seats_left,
            # Free places are news until it starts: the facts are cached, this is decided now.
            "show_seats": not services.training_started(training),
        },
    )


@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, pk: int) -> HttpResponse:
    training = _public_training_or_404(pk)
    closed_reason = services.registration_closed_reason(training)
    left = training.seats_left
    form = RegistrationForm(request.POST or None)
    colleagues = ColleagueFormSet(request.POST or None, prefix="collega")
    # The employer's box counts only when ticked (and only where there is something to pay).
    employer_pays = bool(training.fee_cents) and bool(form["employer_pays"].data)
    # Not marked required in the page: they are, only when the box is ticked.
    employer = EmployerForm(
        request.POST if employer_pays else None, prefix="werkgever", use_required_attribute=False
    )
    answers = RegistrationAnswers(
        request.POST or None,
        questions=questions_on_form(training),
        colleagues=colleagues.forms,
    )
    context = {
        "training": training,
        "closed_reason": closed_reason,
        "seats_left": left,
        "waiting_list": left == 0,
        "form": form,
        "colleagues": colleagues,
        "employer": employer,
        "answers": answers,
        "colleague_rows": list(zip(colleagues, answers.rows, strict=True)),
    }
    # "Meer collega's toevoegen" opens only when one of the rows it holds (the third on) has an
    # error: a missing answer of the registrant's own does not unfold seven empty rows.
    context["more_colleagues_open"] = lambda: any(
        colleague.errors or (row is not None and row.errors)
        for colleague, row in context["colleague_rows"][2:]
    )
    if request.method == "GET" or closed_reason:
        return render(request, "trainings/register.html", context)
    if form.is_bot():
        return HttpResponseBadRequest(_("Deze inschrijving werd geweigerd."))
    employer_valid = employer.is_valid() if employer_pays else True
    answers_valid = answers.valid_for(
        attends=bool(form["attends"].data),
        taking_part=[bool(c.is_valid() and c.cleaned_data.get("email")) for c in colleagues],
    )
    if form.is_valid() and colleagues.is_valid() and employer_valid and answers_valid:
        data = form.cleaned_data
        contact = services.ContactData(
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=str(data["phone"] or ""),
            organisation=data["organisation"],
            job=data["job"],
            remarks=data["remarks"],
            language=data.get("language") or "nl-be",
            sector_id=data["sector"].pk if data.get("sector") else None,
            work_postcode=data.get("work_postcode", ""),
        )
        people = [
            services.PersonData(
                c.cleaned_data["first_name"],
                c.cleaned_data["last_name"],
                c.cleaned_data["email"],
                answers=row.answers(),
            )
            for c, row in context["colleague_rows"]
            if c.cleaned_data.get("email")
        ]
        if data["attends"]:
            people.insert(
                0,
                services.PersonData(
                    contact.first_name,
                    contact.last_name,
                    contact.email,
                    answers=answers.own.answers(),
                ),
            )
        if not people:
            form.add_error(None, _("Schrijf minstens één deelnemer in: jezelf of een collega."))
        # Every complete try counts, also one for an address already registered; a form sent
        # back for a forgotten box does not.
        elif not services.registration_attempt_allowed(client_ip=client_ip(request)):
            form.add_error(
                None,
                _(
                    "Van dit netwerk kwamen het voorbije uur te veel inschrijvingen. Probeer het "
                    "later opnieuw, of mail ons op %(email)s."
                )
                % {"email": Organisation.current().email},
            )
        else:
            # A new registration and one for an address that already holds a seat get the same
            # answer: whether someone is registered is told only in a mail to that address.
            try:
                services.registration_create(
                    training=training,
                    contact=contact,
                    participants=people,
                    client_ip=client_ip(request),
                    billing=employer.billing_data() if employer_pays else None,
                )
            except services.DuplicateRegistration as exc:
                services.registration_links_later(
                    training=training, contact=contact, people=people, known=exc.emails
                )
            except Refused as exc:
                form.add_error(None, str(exc))
                return render(request, "trainings/register.html", context)
            return redirect("trainings:registered", pk=training.pk)
    return render(request, "trainings/register.html", context)


def registered(request: HttpRequest, pk: int) -> HttpResponse:
    """What everyone sees after registering: the rest comes by mail, to the address typed."""
    return render(request, "trainings/registered.html", {"training": _public_training_or_404(pk)})


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
