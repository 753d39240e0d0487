"""From an access request the office searches, reviews and downloads one ZIP for the person:
their own data goes in; what others wrote about them and other family members' data only when
ticked."""

import io
import json
import zipfile

import pytest

from eigenkracht.core.models import AuditEntry, OutboxMessage
from eigenkracht.privacy.models import PrivacyRequest
from tests.privacy.conftest import EMAIL, NAME

pytestmark = pytest.mark.django_db


def _files(response) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {
            name: archive.read(name).decode("utf-8" if name != "gegevens.pdf" else "latin-1")
            for name in archive.namelist()
        }


def test_the_search_page_shows_every_hit_grouped_and_linked_and_is_audited(
    office_client, marie, access_request
):
    page = office_client.get(f"/beheer/privacy/verzoeken/{access_request.pk}/zoeken/")

    html = page.content.decode()
    assert page.status_code == 200
    assert "Inschrijvingen voor vormingen" in html
    assert "Inschrijving EKTMARIE1 voor vorming Basisvorming Gent" in html
    assert f'href="/trajecten/{marie.trajectory.pk}/"' in html
    assert "Verzonden e-mails" in html and "Jan Claes" not in html
    entry = AuditEntry.objects.get(action="privacy.searched")
    assert entry.object_id == str(access_request.pk)
    assert entry.data["searched_by"] == ["email", "name", "birth_date"]
    assert entry.data["count"] > 10
    assert EMAIL not in json.dumps(entry.data) and NAME not in json.dumps(entry.data)


def test_another_address_can_be_searched_and_a_bad_one_is_an_error(office_client, access_request):
    url = f"/beheer/privacy/verzoeken/{access_request.pk}/zoeken/"
    bad = office_client.get(url, {"email": "geen-adres", "birth_date": "31/31/2020"})

    assert bad.status_code == 200
    assert "Fout:" in bad.content.decode()
    assert not AuditEntry.objects.filter(action="privacy.searched").exists()


def test_the_zip_holds_the_person_s_data_and_only_the_ticked_texts_of_others(
    office_client, marie, access_request, django_assert_max_num_queries
):
    url = f"/beheer/privacy/verzoeken/{access_request.pk}/inzage/"
    review = office_client.get(url).content.decode()
    assert "Gaat automatisch mee" in review
    assert "Gesprek met Marie Peeters over school." in review  # a note, to decide on
    assert "Lucas Peeters" in review  # a family member, to decide on
    note_key = f"note:{marie.trajectory.notes.get(text__startswith='Gesprek').pk}"
    assert f'value="{note_key}"' in review
    assert "checked" not in review

    with django_assert_max_num_queries(60):
        response = office_client.post(
            url,
            {
                "email": EMAIL,
                "name": NAME,
                "birth_date": "1990-05-17",
                "include": [note_key],
            },
        )

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    files = _files(response)
    assert sorted(files) == ["gegevens.html", "gegevens.json", "gegevens.pdf"]
    assert files["gegevens.pdf"].startswith("%PDF")
    document = json.loads(files["gegevens.json"])
    titles = [item["wat"] for item in document["gegevens"]]
    everything = files["gegevens.json"] + files["gegevens.html"]
    assert "Inschrijving EKTMARIE1 voor Basisvorming Gent" in titles
    assert "Je gegevens als deelnemer" in titles
    assert "Gesprek met Marie Peeters over school." in everything  # ticked
    assert "Lucas wil bij oma wonen." not in everything  # another note, not ticked
    assert "Lucas Peeters" not in everything  # a family member, not ticked
    assert "Marie Peeters is uitgeput." not in everything  # the referral's texts, not ticked
    assert "Jan Claes" not in everything
    access_request.refresh_from_db()
    assert access_request.access_exported_at is not None
    entry = AuditEntry.objects.get(action="privacy_request.access_exported")
    assert entry.data == {"kind": "access", "items": len(titles)}


def test_a_choice_that_no_longer_exists_is_an_error_not_a_file(office_client, access_request):
    url = f"/beheer/privacy/verzoeken/{access_request.pk}/inzage/"
    response = office_client.post(url, {"include": ["note:999999"]})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEntry.objects.filter(action="privacy_request.access_exported").exists()


def test_only_an_access_request_has_an_access_file(office_client, access_request):
    access_request.kind = PrivacyRequest.Kind.ERASURE
    access_request.save()

    url = f"/beheer/privacy/verzoeken/{access_request.pk}/inzage/"
    assert office_client.get(url).status_code == 404


def test_the_file_costs_the_same_queries_however_much_there_is(
    office_client, marie, access_request, django_assert_max_num_queries
):
    from tests.privacy.conftest import marie_everywhere

    url = f"/beheer/privacy/verzoeken/{access_request.pk}/inzage/"
    with django_assert_max_num_queries(100) as once:
        small = office_client.post(url)
    marie_everywhere(2)
    with django_assert_max_num_queries(len(once.captured_queries)):
        large = office_client.post(url)

    assert small["Content-Type"] == large["Content-Type"] == "application/zip"
    assert len(large.content) > len(small.content)


def test_a_mail_to_someone_else_is_to_decide_on_and_no_file_carries_a_personal_link(
    office_client, marie, access_request
):
    OutboxMessage.objects.create(
        kind="registration_received",
        recipient=EMAIL,
        subject="Je inschrijving",
        body_text="Dag Marie, je inschrijving: https://ek.example/inschrijving/MARIESTOKEN/",
    )
    colleague = OutboxMessage.objects.create(
        kind="registration_received",
        recipient="pieter@example.be",
        subject="Je inschrijving",
        body_text="Ingeschreven: Marie Peeters. Beheer: https://ek.example/inschrijving/PIETERS/",
    )
    url = f"/beheer/privacy/verzoeken/{access_request.pk}/inzage/"
    review = office_client.get(url).content.decode()
    assert f'value="outbox:{colleague.pk}"' in review  # the office decides

    files = _files(
        office_client.post(
            url,
            {
                "email": EMAIL,
                "name": NAME,
                "birth_date": "1990-05-17",
                "include": [f"outbox:{colleague.pk}"],
            },
        )
    )

    everything = files["gegevens.json"] + files["gegevens.html"]
    assert "E-mail van" in everything and "aan iemand anders" in everything
    assert "MARIESTOKEN" not in everything and "PIETERS" not in everything
    assert "[persoonlijke link weggelaten]" in everything
