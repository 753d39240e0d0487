"""`manage.py privacy search EMAIL --json`: every hit, audited as in the back office."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from eigenkracht.core.models import AuditEntry
from tests.privacy.conftest import EMAIL

pytestmark = pytest.mark.django_db


def test_the_search_prints_every_hit_as_json_and_is_audited(marie):
    out = StringIO()
    call_command("privacy", "search", EMAIL, "--json", stdout=out)

    hits = json.loads(out.getvalue())
    assert {"kind": "registration", "object_id": marie.registration.pk} in [
        {"kind": hit["kind"], "object_id": hit["object_id"]} for hit in hits
    ]
    assert set(hits[0]) == {"kind", "object_id", "where", "summary"}
    entry = AuditEntry.objects.get(action="privacy.searched")
    assert entry.actor is None
    assert entry.data == {"searched_by": ["email"], "count": len(hits), "ids": []}


def test_a_name_widens_the_search(marie):
    by_email, by_both = StringIO(), StringIO()
    call_command("privacy", "search", EMAIL, "--json", stdout=by_email)
    call_command("privacy", "search", EMAIL, "--name", "Marie Peeters", "--json", stdout=by_both)

    kinds = {hit["kind"] for hit in json.loads(by_both.getvalue())}
    assert len(json.loads(by_both.getvalue())) > len(json.loads(by_email.getvalue()))
    assert {"trajectory_text", "followup", "network_snapshot"} <= kinds


def test_a_bad_address_or_date_is_refused(db):
    with pytest.raises(CommandError, match="e-mail"):
        call_command("privacy", "search", "geen-adres")
    with pytest.raises(CommandError):
        call_command("privacy", "search", EMAIL, "--birth-date", "17/05/1990")
    assert not AuditEntry.objects.exists()
