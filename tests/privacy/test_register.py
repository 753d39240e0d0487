"""The processing register: generated from the categories and the manager's terms."""

import pytest

from eigenkracht.core.models import RetentionTerms
from eigenkracht.core.retention_terms import CATEGORIES

pytestmark = pytest.mark.django_db


def test_the_register_shows_every_category_with_its_basis_and_the_current_term(manager_client):
    terms = RetentionTerms.current()
    terms.trajectories_years = 9
    terms.save()

    page = manager_client.get("/beheer/privacy/register/").content.decode()

    for category in CATEGORIES:
        assert str(category.label) in page
        assert str(category.legal_basis) in page
    assert "tot 9 jaar na de afsluiting van het traject" in page
    assert "Eigen Kracht Vlaanderen vzw" in page
    assert "tweede factor" in page


def test_the_register_downloads_as_a_pdf(manager_client):
    response = manager_client.get("/beheer/privacy/register.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
