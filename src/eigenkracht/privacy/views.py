"""Privacy requests in the back office, and the processing register."""

from django.contrib import messages
from django.db.models import Case, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.core.audit_actions import audit_sentence
from eigenkracht.core.http import client_ip
from eigenkracht.core.models import AuditEntry, Organisation, RetentionTerms
from eigenkracht.core.pagination import paginate
from eigenkracht.core.retention_terms import term_sentence
from eigenkracht.privacy import requests as services
from eigenkracht.privacy.access_export import access_items, access_zip, chosen
from eigenkracht.privacy.deadlines import latest_extension
from eigenkracht.privacy.erasure import ACCOUNTING_KINDS, erasure_hits, privacy_request_erase
from eigenkracht.privacy.forms import (
    AccessReviewForm,
    AnswerForm,
    EraseForm,
    ExtendForm,
    PrivacyRequestForm,
    SearchForm,
)
from eigenkracht.privacy.models import PrivacyRequest
from eigenkracht.privacy.policies import can_handle_privacy_requests, can_view_processing_register
from eigenkracht.privacy.register import SECURITY, register_pdf, register_rows
from eigenkracht.privacy.search import Hit, grouped, person_search
from eigenkracht.privacy.selectors import overdue_requests

PAGE_SIZE = 50
OVERDUE = "te-laat"


@policy_required(can_handle_privacy_requests)
def request_list(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("toon", "")
    if show not in ("", OVERDUE):
        messages.info(request, _("Onbekende keuze: we tonen alle verzoeken."))
    queryset = overdue_requests() if show == OVERDUE else PrivacyRequest.objects.all()
    queryset = queryset.annotate(
        open_first=Case(
            When(status=PrivacyRequest.Status.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        due=Coalesce("extended_to", "deadline"),
    ).order_by("open_first", "due", "id")
    return render(
        request,
        "privacy/request_list.html",
        {
            "page_obj": paginate(request, queryset, PAGE_SIZE),
            "show_overdue": show == OVERDUE,
            "overdue_count": overdue_requests().count(),
            "today": timezone.localdate(),
        },
    )


@policy_required(can_handle_privacy_requests)
def request_create(request: HttpRequest) -> HttpResponse:
    form = PrivacyRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            privacy_request = services.privacy_request_create(
                data=form.cleaned_data, actor=request.user
            )
        except services.PrivacyRequestRefused as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("Het verzoek is geregistreerd."))
            return redirect("privacy:request_detail", privacy_request.pk)
    return render(request, "privacy/request_form.html", {"form": form})


def _history(privacy_request: PrivacyRequest) -> list[dict]:
    entries = AuditEntry.objects.filter(
        object_type=PrivacyRequest._meta.label_lower, object_id=str(privacy_request.pk)
    ).select_related("actor")
    return [
        {"at": entry.created_at, "actor": entry.actor, "sentence": audit_sentence(entry.action)}
        for entry in entries.order_by("created_at", "id")
    ]


def _detail(request, privacy_request, *, extend_form=None, answer_form=None, status=200):
    today = timezone.localdate()
    return render(
        request,
        "privacy/request_detail.html",
        {
            "privacy_request": privacy_request,
            "is_overdue": privacy_request.status == PrivacyRequest.Status.OPEN
            and privacy_request.due_on < today,
            "days_left": (privacy_request.due_on - today).days,
            "latest_extension": latest_extension(privacy_request.received_on),
            "extend_form": extend_form or ExtendForm(),
            "answer_form": answer_form or AnswerForm(),
            "history": _history(privacy_request),
        },
        status=status,
    )


@policy_required(can_handle_privacy_requests)
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, get_object_or_404(PrivacyRequest, pk=pk))


@require_POST
@policy_required(can_handle_privacy_requests)
def request_extend(request: HttpRequest, pk: int) -> HttpResponse:
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        return _detail(request, privacy_request, extend_form=form)
    try:
        services.privacy_request_extend(
            privacy_request=privacy_request,
            extended_to=form.cleaned_data["extended_to"],
            reason=form.cleaned_data["reason"],
            actor=request.user,
        )
    except services.PrivacyRequestRefused as refusal:
        form.add_error(None, str(refusal))
        return _detail(request, privacy_request, extend_form=form)
    messages.success(request, _("De termijn is verlengd."))
    return redirect("privacy:request_detail", pk)


@require_POST
@policy_required(can_handle_privacy_requests)
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, privacy_request, answer_form=form)
    try:
        services.privacy_request_answer(
            privacy_request=privacy_request,
            answered_on=form.cleaned_data["answered_on"],
            outcome=form.cleaned_data["outcome"],
            refused=form.cleaned_data["result"] == "refused",
            actor=request.user,
        )
    except services.PrivacyRequestRefused as refusal:
        form.add_error(None, str(refusal))
        return _detail(request, privacy_request, answer_form=form)
    messages.success(request, _("Het verzoek is afgehandeld."))
    return redirect("privacy:request_detail", pk)


def _search(request: HttpRequest, privacy_request: PrivacyRequest, form: SearchForm) -> list[Hit]:
    """Run the search of a valid form and audit it (the fields searched on and the count)."""
    c = form.cleaned_data
    hits = person_search(email=c["email"], name=c["name"], birth_date=c["birth_date"])
    services.privacy_search_record(
        searched_by=[field for field in ("email", "name", "birth_date") if c[field]],
        count=len(hits),
        privacy_request=privacy_request,
        actor=request.user,
        ip_address=client_ip(request),
    )
    return hits


@policy_required(can_handle_privacy_requests)
def request_search(request: HttpRequest, pk: int) -> HttpResponse:
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    form = SearchForm.for_request(privacy_request, request.GET)
    hits = _search(request, privacy_request, form) if form.is_valid() else []
    return render(
        request,
        "privacy/request_search.html",
        {
            "privacy_request": privacy_request,
            "form": form,
            "groups": grouped(hits),
            "count": len(hits),
            "query": request.GET.urlencode(),
        },
    )


@policy_required(can_handle_privacy_requests)
def access_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The office sees what goes in the person's file and ticks what others wrote about them;
    posting downloads the ZIP of what was chosen."""
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    if privacy_request.kind != PrivacyRequest.Kind.ACCESS:
        raise Http404
    data = request.POST if request.method == "POST" else request.GET
    search_form = SearchForm.for_request(privacy_request, data)
    hits = _search(request, privacy_request, search_form) if search_form.is_valid() else []
    items = access_items(privacy_request, hits)
    to_decide = [item for item in items if not item.automatic]
    form = AccessReviewForm(
        request.POST if request.method == "POST" else None,
        choices=[(item.key, item.title) for item in to_decide],
    )
    if request.method == "POST" and search_form.is_valid() and form.is_valid():
        included = chosen(items, form.cleaned_data["include"])
        content = access_zip(privacy_request, included)
        services.privacy_request_access_exported(
            privacy_request=privacy_request, items=len(included), actor=request.user
        )
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="inzage-{privacy_request.pk}.zip"'
        return response
    return render(
        request,
        "privacy/access_review.html",
        {
            "privacy_request": privacy_request,
            "search_form": search_form,
            "automatic": [item for item in items if item.automatic],
            "to_decide": to_decide,
            "form": form,
        },
    )


@policy_required(can_view_processing_register)
def register(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "privacy/register.html",
        {
            "organisation": Organisation.current(),
            "processings": register_rows(),
            "security": SECURITY,
        },
    )


@policy_required(can_view_processing_register)
def register_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(register_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="verwerkingsregister.pdf"'
    return response


@policy_required(can_handle_privacy_requests)
def request_erase(request: HttpRequest, pk: int) -> HttpResponse:
    """What an erasure will do, found by the same search; posting with the box ticked erases now
    and closes the request with what was kept and why."""
    privacy_request = get_object_or_404(PrivacyRequest, pk=pk)
    if privacy_request.kind != PrivacyRequest.Kind.ERASURE:
        raise Http404
    hits: list[Hit] = []
    if privacy_request.status == PrivacyRequest.Status.OPEN:
        hits, _names = erasure_hits(
            privacy_request.subject_email,
            privacy_request.subject_name,
            privacy_request.subject_birth_date,
        )
    erased = [hit for hit in hits if hit.kind not in ACCOUNTING_KINDS]
    form = EraseForm(
        request.POST if request.method == "POST" else None,
        choices=[(hit.key, hit.where) for hit in erased],
    )
    if request.method == "POST" and form.is_valid():
        try:
            outcome = privacy_request_erase(
                privacy_request=privacy_request,
                actor=request.user,
                chosen=set(form.cleaned_data["erase"]),
            )
        except services.PrivacyRequestRefused as refusal:
            messages.error(request, str(refusal))
            return redirect("privacy:request_detail", pk)
        messages.success(
            request,
            _(
                "De gegevens zijn gewist: %(count)d plaatsen. Bewaard omdat de wet het "
                "vraagt: %(kept)d."
            )
            % {"count": outcome.total, "kept": len(outcome.kept)},
        )
        return redirect("privacy:request_detail", pk)
    if privacy_request.status == PrivacyRequest.Status.OPEN:
        services.privacy_search_record(
            searched_by=[
                field
                for field, value in (
                    ("email", privacy_request.subject_email),
                    ("name", privacy_request.subject_name),
                    ("birth_date", privacy_request.subject_birth_date),
                )
                if value
            ],
            count=len(hits),
            privacy_request=privacy_request,
            actor=request.user,
            ip_address=client_ip(request),
        )
    ticked = set(form["erase"].value() or [])
    return render(
        request,
        "privacy/request_erase.html",
        {
            "privacy_request": privacy_request,
            "erased_groups": grouped(erased),
            "ticked": ticked,
            "kept_groups": grouped([h for h in hits if h.kind in ACCOUNTING_KINDS]),
            "accounting_term": term_sentence("accounting", RetentionTerms.current()),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
