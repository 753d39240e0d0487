"""The export page: choose what, for which training or period, and in which format.

Routed from trainings' URL table (`trainings_exports:export_form`); the form is trainings'.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.http import client_ip
from eigenkracht.payments.exports.builders import build_export
from eigenkracht.trainings.exports.forms import ExportForm
from eigenkracht.trainings.services import registrations_read


@policy_required(can_use_backoffice)
@require_GET
def export_form(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.GET or None)
    if form.is_bound and form.is_valid():
        export = build_export(
            kind=form.cleaned_data["kind"],
            scope=form.scope(),
            file_format=form.cleaned_data["file_format"],
        )
        registrations_read(
            actor=request.user,
            page=f"export:{export.filename}",
            ids=export.registration_ids,
            bank_transaction_ids=export.bank_transaction_ids,
            ip_address=client_ip(request),
        )
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        return response
    return render(request, "trainings/exports/export_form.html", {"form": form})
