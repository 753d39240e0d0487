"""The audit log's reads."""

import pytest

from eigenkracht.core.audit import audit_object_types
from eigenkracht.core.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_kinds_of_object_in_the_log_are_each_named_once_in_order():
    for object_type in ["trainings.registration", "pages.page", "trainings.registration", "a.b"]:
        AuditEntry.objects.create(action="page.update", object_type=object_type, object_id="1")

    assert audit_object_types() == ["a.b", "pages.page", "trainings.registration"]


def test_an_empty_log_has_no_kinds_of_object():
    assert audit_object_types() == []
