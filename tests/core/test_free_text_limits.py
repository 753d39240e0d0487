"""Every text a person can type is limited on the server, whatever the browser lets through."""

import importlib
import pkgutil

import pytest
from django import forms

import eigenkracht


def _form_classes() -> list[type[forms.BaseForm]]:
    for module in pkgutil.walk_packages(eigenkracht.__path__, "eigenkracht."):
        if module.name.rsplit(".", 1)[-1] == "forms":
            importlib.import_module(module.name)
    found, todo = [], list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("eigenkracht."):
            found.append(cls)
    return found


def test_every_text_field_of_every_form_has_a_maximum_length():
    unlimited = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in _form_classes()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unlimited == []


@pytest.mark.django_db
def test_a_referral_with_megabytes_of_concerns_is_refused_with_a_clear_message(client):
    from eigenkracht.trajectories.models import Trajectory
    from tests.trajectories.referral.test_referral_form import URL, form_data

    response = client.post(URL, form_data(concerns="zorg " * 480_000))

    assert response.status_code == 200
    assert "niet meer dan 8000 tekens" in response.content.decode()
    assert not Trajectory.objects.exists()
