"""The back office's own pages: overview, outbox, audit log and the organisation's settings."""

import base64
import re
from typing import Any

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.decorators import csp
from django.contrib import messages
from django.db.models import QuerySet
from django.db.models.functions import Length
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_POST

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_manage_organisation, can_use_backoffice
from eigenkracht.backoffice import search
from eigenkracht.backoffice.wording import entry_data, related_objects
from eigenkracht.backoffice.work import work_for
from eigenkracht.core.audit import audit_object_types
from eigenkracht.core.audit_actions import audit_sentence
from eigenkracht.core.forms import AuditFilterForm, OrganisationForm, OutboxFilterForm
from eigenkracht.core.http import client_ip
from eigenkracht.core.mail_kinds import mail_kind_label
from eigenkracht.core.models import AuditEntry, Organisation, OutboxAttachment, OutboxMessage
from eigenkracht.core.outbox import MAX_ATTEMPTS, outbox_dismiss, outbox_retry_now, outbox_viewed
from eigenkracht.core.pagination import page_number, paginate
from eigenkracht.core.services import organisation_update
from eigenkracht.privacy.policies import can_manage_retention
from eigenkracht.trajectories.services import trajectories_listed

PAGE_SIZE = 50


@policy_required(can_use_backoffice)
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "backoffice/home.html",
        {
            "work": work_for(request.user),
            "can_manage_organisation": can_manage_organisation(request.user),
            "can_manage_retention": can_manage_retention(request.user),
        },
    )


# Outbox -----------------------------------------------------------------------------------------


def _outbox_messages(*, status: str, recipient: str) -> QuerySet[OutboxMessage]:
    queryset = OutboxMessage.objects.defer("body_text", "body_html", "error").order_by(
        "-created_at", "-id"
    )
    if status == OutboxFilterForm.PROBLEMS:
        queryset = queryset.filter(status__in=OutboxMessage.FAILED_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if recipient:
        queryset = queryset.filter(recipient__icontains=recipient)
    return queryset


@policy_required(can_use_backoffice)
def outbox_list(request: HttpRequest) -> HttpResponse:
    filters = OutboxFilterForm(request.GET or None)
    status = recipient = ""
    if filters.is_bound and filters.is_valid():
        status = filters.cleaned_data["status"]
        recipient = filters.cleaned_data["q"].strip()
    messages_page = paginate(
        request, _outbox_messages(status=status, recipient=recipient), PAGE_SIZE
    )
    return render(
        request,
        "backoffice/outbox_list.html",
        {
            "filters": filters,
            "page_obj": messages_page,
            "rows": [
                {"message": message, "kind": mail_kind_label(message.kind)}
                for message in messages_page.object_list
            ],
            "is_filtered": bool(status or recipient),
        },
    )


@policy_required(can_use_backoffice)
def outbox_detail(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(OutboxMessage, pk=pk)
    outbox_viewed(message=message, actor=request.user, ip_address=client_ip(request))
    attachments = []
    if not message.confidential:
        attachments = list(
            message.attachments.defer("content").annotate(size=Length("content")).order_by("id")
        )
    return render(
        request,
        "backoffice/outbox_detail.html",
        {
            "message": message,
            "attachments": attachments,
            "max_attempts": MAX_ATTEMPTS,
            "kind": mail_kind_label(message.kind),
            "related": related_objects([(message.object_type, message.object_id)]).get(
                (message.object_type, message.object_id)
            ),
        },
    )


CID_REFERENCE = re.compile(r"""(["'(])cid:([^"')\s]+)""")
# The mail's own HTML, alone: its inline styles and embedded images, nothing that runs or loads.
MAIL_FRAME_POLICY = {
    "default-src": [NONE],
    "style-src": [UNSAFE_INLINE],
    "img-src": ["data:"],
    "frame-ancestors": [SELF],
    "base-uri": [NONE],
    "form-action": [NONE],
    "sandbox": [True],
}


def _with_inline_images(html: str, images: dict[str, OutboxAttachment]) -> str:
    """The HTML with each `cid:` image (the payment QR code) as a data: URI, as a mail program
    shows it from the mail's own parts; an unknown reference stays (and shows as missing)."""

    def inline(match: re.Match) -> str:
        image = images.get(match.group(2))
        if image is None:
            return match.group(0)
        encoded = base64.b64encode(bytes(image.content)).decode("ascii")
        return f"{match.group(1)}data:{image.mimetype};base64,{encoded}"

    return CID_REFERENCE.sub(inline, html)


@require_GET
@xframe_options_sameorigin
@csp(MAIL_FRAME_POLICY)
@policy_required(can_use_backoffice)
def outbox_html(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML version for the sandboxed frame on the mail's page (looked at, and audited,
    there); a confidential mail's content is not shown."""
    message = get_object_or_404(OutboxMessage, pk=pk)
    if message.confidential or not message.body_html:
        raise Http404
    images = {
        attachment.content_id: attachment
        for attachment in message.attachments.exclude(content_id="")
    }
    response = HttpResponse(_with_inline_images(message.body_html, images))
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@policy_required(can_use_backoffice)
def outbox_retry(request: HttpRequest, pk: int) -> HttpResponse:
    """Start a failed mail again now, also after the automatic attempts ran out."""
    message = get_object_or_404(OutboxMessage, pk=pk)
    outbox_retry_now(message=message, actor=request.user)
    message.refresh_from_db()  # delivery may have run after the retry's commit
    if message.status == OutboxMessage.Status.SENT:
        messages.success(request, _("De mail is verstuurd."))
    elif message.status in OutboxMessage.FAILED_STATUSES:
        messages.error(request, _("Het lukte opnieuw niet. De reden staat hieronder."))
    else:
        messages.success(request, _("De mail staat opnieuw in de wachtrij."))
    return redirect("backoffice:outbox_detail", pk=message.pk)


@require_POST
@policy_required(can_use_backoffice)
def outbox_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    message = get_object_or_404(OutboxMessage, pk=pk)
    outbox_dismiss(message=message, actor=request.user)
    messages.success(request, _("De mail is afgesloten: ze wordt niet meer verstuurd."))
    return redirect("backoffice:outbox_detail", pk=message.pk)


# Audit log --------------------------------------------------------------------------------------


def _listed_ids(entry: AuditEntry) -> list[str]:
    """The objects a list page showed (its entry keeps their ids, e.g. trajectory.list)."""
    ids = (entry.data or {}).get("ids")
    return [str(pk) for pk in ids] if isinstance(ids, list) else []


def _audit_rows(entries: list[AuditEntry]) -> list[dict[str, Any]]:
    related = related_objects(
        [(entry.object_type, entry.object_id) for entry in entries]
        + [(entry.object_type, pk) for entry in entries for pk in _listed_ids(entry)]
    )
    return [
        {
            "entry": entry,
            "sentence": audit_sentence(entry.action),
            "related": related.get((entry.object_type, entry.object_id)),
            "data": entry_data(
                entry.object_type,
                {key: value for key, value in (entry.data or {}).items() if key != "ids"},
            ),
            "listed": [related[(entry.object_type, pk)] for pk in _listed_ids(entry)],
        }
        for entry in entries
    ]


@policy_required(can_use_backoffice)
def audit_list(request: HttpRequest) -> HttpResponse:
    filters = AuditFilterForm(request.GET or None, object_types=audit_object_types())
    queryset = AuditEntry.objects.select_related("actor").order_by("-created_at", "-id")
    is_filtered = False
    if filters.is_bound and filters.is_valid():
        if filters.cleaned_data["object_type"]:
            queryset = queryset.filter(object_type=filters.cleaned_data["object_type"])
            is_filtered = True
        if filters.cleaned_data["object_id"].strip():
            queryset = queryset.filter(object_id=filters.cleaned_data["object_id"].strip())
            is_filtered = True
    entries_page = paginate(request, queryset, PAGE_SIZE)
    return render(
        request,
        "backoffice/audit_list.html",
        {
            "filters": filters,
            "page_obj": entries_page,
            "rows": _audit_rows(list(entries_page.object_list)),
            "is_filtered": is_filtered,
        },
    )


# Organisation -----------------------------------------------------------------------------------


@policy_required(can_manage_organisation)
def organisation_edit(request: HttpRequest) -> HttpResponse:
    organisation = Organisation.current()
    if request.method == "POST":
        form = OrganisationForm(request.POST, request.FILES, instance=organisation)
        if form.is_valid():
            organisation_update(
                organisation=organisation, data=form.organisation_data(), actor=request.user
            )
            messages.success(request, _("De instellingen zijn opgeslagen."))
            return redirect("backoffice:organisation")
    else:
        form = OrganisationForm(instance=organisation)
    return render(request, "backoffice/organisation_form.html", {"form": form})


# Search -----------------------------------------------------------------------------------------


@require_GET
@policy_required(search.can_search)
def staff_search(request: HttpRequest) -> HttpResponse:
    """Registrations, trajectories and trainings named by one text: each group capped, or one
    group in full (`?soort=`). Trajectories shown are recorded, as the trajectory list does."""
    text = request.GET.get("q", "")
    terms = search.read_terms(text)
    only = request.GET.get("soort", "")
    if only not in search.visible_kinds(request.user):
        only = ""
    groups = []
    if terms is not None:
        groups = search.staff_search(
            request.user, terms, only=only, page_number=page_number(request) if only else None
        )
        shown = [t.pk for g in groups if g.kind == search.TRAJECTORIES for t in g.rows]
        if shown:
            trajectories_listed(
                actor=request.user, page="search", ids=shown, ip_address=client_ip(request)
            )
    return render(
        request,
        "backoffice/search.html",
        {
            # Coordinators search from their own pages' layout.
            "base_template": (
                "backoffice/base.html"
                if can_use_backoffice(request.user)
                else "trajectories/base.html"
            ),
            "query": " ".join(text.split())[: search.MAX_LENGTH],
            "too_short": bool(text.strip()) and terms is None,
            "searched": terms is not None,
            "groups": groups,
            "only": only,
            "total": sum(g.count for g in groups),
            "min_length": search.MIN_LENGTH,
            "office": search.REGISTRATIONS in search.visible_kinds(request.user),
            "search_query": " ".join(text.split())[: search.MAX_LENGTH],
        },
    )
