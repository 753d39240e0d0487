"""The manager's retention pages: the terms, the open proposal with its counts and drill-down,
the approval, and what earlier proposals did."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.core.models import RetentionTerms
from eigenkracht.core.pagination import paginate
from eigenkracht.core.retention_terms import CATEGORIES, CATEGORY_BY_CODE, retention_rows
from eigenkracht.privacy.models import RetentionItem, RetentionProposal
from eigenkracht.privacy.policies import can_manage_retention
from eigenkracht.privacy.proposal_items import item_lines
from eigenkracht.privacy.retention import retention_approve, retention_terms_update
from eigenkracht.privacy.retention_forms import ApproveForm, RetentionTermsForm

PAGE_SIZE = 50


def _count_rows(proposal: RetentionProposal) -> list[dict]:
    return [
        {"category": category, "count": proposal.counts[category.code]}
        for category in CATEGORIES
        if proposal.counts.get(category.code)
    ]


@policy_required(can_manage_retention)
def terms_edit(request: HttpRequest) -> HttpResponse:
    terms = RetentionTerms.current()
    form = RetentionTermsForm(
        request.POST if request.method == "POST" else None, instance=RetentionTerms.current()
    )
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, _("De bewaartermijnen zijn niet veranderd."))
            return redirect("privacy:retention")
        retention_terms_update(data=form.cleaned_data, actor=request.user)
        messages.success(
            request,
            _(
                "De bewaartermijnen zijn opgeslagen. De privacyverklaring toont ze meteen, en het "
                "systeem zoekt opnieuw wat volgens de nieuwe termijnen anoniem gemaakt moet "
                "worden."
            ),
        )
        return redirect("privacy:retention")
    return render(
        request,
        "privacy/retention/terms.html",
        {"form": form, "rows": retention_rows(terms)},
        status=400 if form.errors else 200,
    )


@policy_required(can_manage_retention)
def overview(request: HttpRequest) -> HttpResponse:
    proposals = list(RetentionProposal.objects.select_related("approved_by")[:20])
    current = next(
        (
            proposal
            for proposal in proposals
            if proposal.status
            in (RetentionProposal.Status.PROPOSED, RetentionProposal.Status.APPROVED)
        ),
        None,
    )
    terms = RetentionTerms.current()
    return render(
        request,
        "privacy/retention/overview.html",
        {
            "current": current,
            "count_rows": _count_rows(current) if current else [],
            "earlier": [proposal for proposal in proposals if proposal is not current],
            "searched_at": terms.searched_at,
            "rows": retention_rows(terms),
        },
    )


@policy_required(can_manage_retention)
def items(request: HttpRequest, pk: int, category: str) -> HttpResponse:
    proposal = get_object_or_404(RetentionProposal, pk=pk)
    if category not in CATEGORY_BY_CODE:
        raise Http404
    if category in proposal.cutoffs:
        page = None
        lines = []
    else:
        queryset = RetentionItem.objects.filter(proposal=proposal, category=category).order_by(
            "kind", "object_id"
        )
        page = paginate(request, queryset, PAGE_SIZE)
        by_kind: dict[str, list[int]] = {}
        for item in page.object_list:
            by_kind.setdefault(item.kind, []).append(item.object_id)
        described = {kind: item_lines(kind, ids) for kind, ids in by_kind.items()}
        lines = [
            {"item": item, "line": described[item.kind].get(item.object_id)}
            for item in page.object_list
        ]
    return render(
        request,
        "privacy/retention/items.html",
        {
            "proposal": proposal,
            "category": CATEGORY_BY_CODE[category],
            "count": proposal.counts.get(category, 0),
            "cutoff": (
                dt.datetime.fromisoformat(proposal.cutoffs[category])
                if category in proposal.cutoffs
                else None
            ),
            "page": page,
            "lines": lines,
        },
    )


@policy_required(can_manage_retention)
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(RetentionProposal, pk=pk)
    form = ApproveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            retention_approve(proposal=proposal, actor=request.user)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
            return redirect("privacy:retention")
        messages.success(
            request,
            _(
                "Het voorstel is goedgekeurd. De gegevens worden nu anoniem gemaakt, in reeksen; "
                "deze pagina toont de stand."
            ),
        )
        return redirect("privacy:retention")
    return render(
        request,
        "privacy/retention/approve.html",
        {"proposal": proposal, "count_rows": _count_rows(proposal), "form": form},
        status=400 if form.errors else 200,
    )
