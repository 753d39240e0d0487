"""Every change to a public page; each one is audited."""

from typing import Any

from django.db import transaction

from eigenkracht.accounts.models import User
from eigenkracht.core.audit import actor_or_none, audit_record
from eigenkracht.pages.models import Page


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@transaction.atomic
def page_update(*, page: Page, title: str, intro: str, body: str, actor: User | None) -> Page:
    """Save new texts for a page; the audit entry names the fields that changed."""
    page = Page.objects.select_for_update().get(pk=page.pk)
    new_values = {
        "title": title.strip(),
        "intro": _normalise_newlines(intro).strip(),
        "body": _normalise_newlines(body),
    }
    changed = [name for name, value in new_values.items() if getattr(page, name) != value]
    if not changed:
        return page
    data: dict[str, Any] = {"fields": changed}
    if "title" in changed:
        data["previous_title"] = page.title
    for name in changed:
        setattr(page, name, new_values[name])
    page.updated_by = actor_or_none(actor)
    page.save(update_fields=[*changed, "updated_by", "updated_at"])
    audit_record(actor=actor, action="page.updated", obj=page, data=data)
    return page
