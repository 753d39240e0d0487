"""A trainer's account opens their own trainings, nothing else: every page of the back office
(and of the trajectories and user management) refuses it, whatever the method."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from eigenkracht.core.models import AuditEntry
from eigenkracht.trainings.models import Attendance, Registration
from tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

REFUSED_PREFIXES = ("/beheer/", "/trajecten/", "/account/gebruikers/")
REFUSED = {403, 404, 405}


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _paths(pk: int) -> list[str]:
    """Every route under the refused prefixes, with `pk` for numbers and "x" for the rest."""
    paths = []
    for route in _routes(get_resolver().url_patterns):
        path = "/" + re.sub(r"<int:\w+>", str(pk), route)
        path = re.sub(r"<(?:\w+:)?\w+>", "x", path).replace("^", "").replace("$", "")
        if path.startswith(REFUSED_PREFIXES):
            paths.append(path)
    return sorted(set(paths))


def test_every_back_office_page_refuses_a_trainer(trainer_client, trainer):
    training = trainer.trainings.get()
    registration = RegistrationFactory(training=training, status=Registration.Status.CONFIRMED)
    # Ids of the trainer's own objects: a page that forgot its policy would find something.
    paths = _paths(registration.pk) + _paths(training.pk) + _paths(training.sessions.first().pk)
    assert len(paths) > 60
    audit_before = AuditEntry.objects.count()

    answered = {}
    for path in paths:
        for method in ("get", "post"):
            status = getattr(trainer_client, method)(path).status_code
            if status not in REFUSED:
                answered[f"{method.upper()} {path}"] = status

    assert answered == {}
    assert not Attendance.objects.exists()
    assert AuditEntry.objects.count() == audit_before
