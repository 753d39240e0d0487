"""CSV layouts staff map once, and the uploads that wait for such a mapping.

An upload whose CSV layout nobody knows yet cannot be imported. Its bytes are kept on the server
in a `StatementImport` marked as failed ("choose the columns"), so that the mapping form only
needs the import's id: the file is never sent back and forth through the browser, survives a
closed tab, and a large file does not bloat the session. Once staff chose the columns, the same
row is imported (at once, or in the background for a large file).
"""

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.core.tasks import enqueue_after_commit
from eigenkracht.payments.models import CsvLayout, StatementImport
from eigenkracht.payments.services import (
    ImportOutcome,
    ImportRefused,
    import_failure,
    statement_import,
)
from eigenkracht.payments.statements.base import StatementError
from eigenkracht.payments.statements.csv_formats import (
    ColumnMapping,
    CsvLayoutUnknown,
    header_signature,
    parse_bank_csv,
)
from eigenkracht.payments.tasks import run_statement_import


@transaction.atomic
def csv_layout_save(*, data: bytes, name: str, mapping: dict, actor: User | None) -> CsvLayout:
    """Remember which column holds what for files with this file's header.

    The file is read with the mapping first: a mapping that cannot read it raises
    `StatementError` (naming the line), an incomplete one `ImportRefused`, and nothing is saved.
    A layout already remembered for the same header is replaced.
    """
    try:
        column_mapping = ColumnMapping.from_dict(mapping)
    except ValueError as exc:  # the pure reader says, in Dutch, what the mapping lacks
        raise ImportRefused(str(exc)) from exc
    parse_bank_csv(data, mapping=column_mapping)
    signature = header_signature(data)
    layout, created = CsvLayout.objects.update_or_create(
        header_signature=signature,
        defaults={
            "name": name.strip()[:120],
            "mapping": asdict(column_mapping),
            "created_by": actor_or_none(actor),
        },
    )
    audit_record(
        actor=actor,
        action="csv_layout.created" if created else "csv_layout.changed",
        obj=layout,
        data={"header_signature": signature, "mapping": layout.mapping},
    )
    return layout


@transaction.atomic
def statement_upload_hold(
    *, data: bytes, filename: str, format: str, actor: User | None, reason: CsvLayoutUnknown
) -> StatementImport:
    """Keep an upload that cannot be imported yet (its CSV layout is unknown)."""
    held = StatementImport.objects.from_file(
        data=data,
        created_by=actor_or_none(actor),
        filename=filename[:255],
        requested_format=format,
        format="csv",
        status=StatementImport.Status.FAILED,
        error_code=reason.code,
        error_params=reason.params,
    )
    audit_record(
        actor=actor,
        action="statement.held",
        obj=held,
        data={"reason": reason.message, "size": len(data)},
    )
    return held


def statement_import_retry(
    *, upload: StatementImport, actor: User | None, background: bool, dry_run: bool = False
) -> ImportOutcome | None:
    """Import a held or failed upload again, e.g. after its CSV columns were chosen.

    In the background (a large file) the import is queued and None returned; otherwise the
    outcome of `statement_import`. Raises `StatementError` or `ImportRefused` like it; a dry run
    writes nothing and leaves the upload waiting.
    """
    waiting = StatementImport.objects.filter(pk=upload.pk, status=StatementImport.Status.FAILED)
    if not waiting.exists():
        raise ImportRefused(_("Dit bestand werd intussen al ingelezen."))
    if background and not dry_run:
        return _requeue(upload, actor=actor)
    # Claim the upload first, so that two clicks at once cannot both import it.
    if not dry_run and not waiting.update(status=StatementImport.Status.RUNNING):
        raise ImportRefused(_("Dit bestand werd intussen al ingelezen."))
    upload.error, upload.error_code, upload.error_params = "", "", {}
    upload.finished_at = None
    try:
        return statement_import(
            data=bytes(upload.content),
            filename=upload.filename,
            actor=actor,
            format=upload.requested_format,
            dry_run=dry_run,
            statement_import=upload,
        )
    except (StatementError, ImportRefused) as exc:
        if not dry_run:
            StatementImport.objects.filter(pk=upload.pk).update(
                status=StatementImport.Status.FAILED, **import_failure(exc)
            )
        raise


@transaction.atomic
def _requeue(held: StatementImport, *, actor: User | None) -> None:
    changed = StatementImport.objects.filter(
        pk=held.pk, status=StatementImport.Status.FAILED
    ).update(
        status=StatementImport.Status.QUEUED,
        error="",
        error_code="",
        error_params={},
        finished_at=None,
        progress_done=0,
        progress_total=0,
    )
    if not changed:
        raise ImportRefused(_("Dit bestand werd intussen al ingelezen."))
    audit_record(actor=actor, action="statement.requeued", obj=held)
    enqueue_after_commit(run_statement_import, held.pk)
    return None
