"""How long uploads that could not be imported are kept. Apart from the import service so that
`run_periodic`, which runs every few minutes, does not load the import and the matcher."""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eigenkracht.core.audit import audit_record
from eigenkracht.payments.models import StatementImport


def failed_uploads_delete(*, now: dt.datetime | None = None) -> int:
    """Delete uploads that could not be imported once FAILED_UPLOAD_DAYS have passed: a file
    that was refused or could not be read holds people's payments and nobody uses it any more.
    Each deletion stays in the audit log (which file, when it came in)."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.FAILED_UPLOAD_DAYS)
    deleted = 0
    for upload in StatementImport.objects.filter(
        status=StatementImport.Status.FAILED, created_at__lt=cutoff, transactions__isnull=True
    ).only("pk", "filename", "created_at"):
        with transaction.atomic():
            audit_record(
                actor=None,
                action="statement.failed_upload_deleted",
                obj=upload,
                data={"filename": upload.filename, "uploaded_at": upload.created_at.isoformat()},
            )
            upload.delete()
        deleted += 1
    return deleted
