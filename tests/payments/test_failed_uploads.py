"""An upload that could not be imported does not stay forever: after FAILED_UPLOAD_DAYS it goes."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from eigenkracht.core.models import AuditEntry
from eigenkracht.payments.models import StatementImport
from eigenkracht.payments.retention import failed_uploads_delete

pytestmark = pytest.mark.django_db


def _upload(*, status: str, days_ago: int) -> StatementImport:
    upload = StatementImport.objects.create(
        filename="uittreksel.cod", content=b"0000 ...", sha256="0" * 64, status=status
    )
    StatementImport.objects.filter(pk=upload.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days_ago)
    )
    return upload


def test_a_failed_upload_is_deleted_after_the_configured_days_and_the_audit_log_says_so(
    settings,
):
    settings.FAILED_UPLOAD_DAYS = 10
    old = _upload(status=StatementImport.Status.FAILED, days_ago=11)
    recent = _upload(status=StatementImport.Status.FAILED, days_ago=9)
    imported = _upload(status=StatementImport.Status.DONE, days_ago=400)

    assert failed_uploads_delete() == 1

    remaining = set(StatementImport.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, imported.pk}
    entry = AuditEntry.objects.get(action="statement.failed_upload_deleted")
    assert entry.object_id == str(old.pk)
    assert entry.data["filename"] == "uittreksel.cod"


def test_run_periodic_deletes_them_and_says_how_many(settings, capsys):
    settings.FAILED_UPLOAD_DAYS = 30
    _upload(status=StatementImport.Status.FAILED, days_ago=31)

    call_command("run_periodic")

    assert "mislukte uploads gewist: 1" in capsys.readouterr().out
    assert not StatementImport.objects.exists()
