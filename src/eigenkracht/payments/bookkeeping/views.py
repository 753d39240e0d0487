"""The accountant's export, downloaded from the back office."""

import io
import zipfile

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from eigenkracht.accounts.decorators import policy_required
from eigenkracht.accounts.policies import can_use_backoffice
from eigenkracht.core.http import client_ip
from eigenkracht.payments.bookkeeping.builders import bookkeeping_file, period_files
from eigenkracht.payments.bookkeeping.forms import ZIP, BookkeepingForm
from eigenkracht.trainings.exports.builders import CSV, XLSX
from eigenkracht.trainings.services import registrations_read

CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
    ZIP: "application/zip",
}


@policy_required(can_use_backoffice)
@require_GET
def bookkeeping_export(request: HttpRequest) -> HttpResponse:
    form = BookkeepingForm(request.GET or None)
    if not (form.is_bound and form.is_valid()):
        return render(
            request, "payments/bookkeeping/form.html", {"form": form, "section": "bookkeeping"}
        )
    period, file_format = form.period(), form.cleaned_data["file_format"]
    if file_format == ZIP:
        files = [bookkeeping_file(period, XLSX), bookkeeping_file(period, CSV)]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for export in files:
                archive.writestr(export.filename, export.content)
            for name, content in period_files(period):
                archive.writestr(name, content)
        content, filename = buffer.getvalue(), f"boekhouding-{period.slug()}.zip"
        registration_ids = files[0].registration_ids
        bank_transaction_ids = files[0].bank_transaction_ids
    else:
        export = bookkeeping_file(period, file_format)
        content, filename = export.content, export.filename
        registration_ids, bank_transaction_ids = (
            export.registration_ids,
            export.bank_transaction_ids,
        )
    registrations_read(
        actor=request.user,
        page=f"bookkeeping:{filename}",
        ids=registration_ids,
        bank_transaction_ids=bank_transaction_ids,
        ip_address=client_ip(request),
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
