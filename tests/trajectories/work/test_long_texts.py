"""Long free text: every free-text field of the coordinator's forms has a limit, and the plan
and the invitation letter print the longest text those forms allow (a value in a table cell
used to be "too high" for one page and gave a server error)."""

import datetime as dt

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from eigenkracht.trajectories.models import Plan
from eigenkracht.trajectories.work import forms as work_forms
from eigenkracht.trajectories.work.pdf import invitation_letter_pdf, plan_pdf
from tests.core.pdf_reader import pdf_text, texts
from tests.trajectories.factories import (
    AgreementFactory,
    ConferenceFactory,
    ParticipantFactory,
    PlanFactory,
)

pytestmark = pytest.mark.django_db

FOOTER_TOP = 45  # points from the bottom of the page; the footer line sits below it
FREE_TEXT_FORMS = [
    work_forms.ParticipantForm,
    work_forms.ConferenceForm,
    work_forms.PlanForm,
    work_forms.AgreementForm,
    work_forms.PlanDecisionForm,
    work_forms.FollowUpForm,
    work_forms.NoteForm,
]


def _url(trajectory, name, *args):
    return reverse(f"trajectories:{name}", args=[trajectory.pk, *args])


def _long_text(limit: int, marker: str) -> str:
    """Exactly `limit` characters: sentences, then one word far longer than a line."""
    start, end = f"Begin{marker} ", f" Einde{marker}"
    word = "Eigenkrachtconferentievoorbereidingsgesprek" * 8  # 344 characters, no space
    filler = limit - len(start) - len(word) - len(end) - 1
    sentences = ("Tante Els belt de aanmelder en we komen opnieuw samen. " * 100)[:filler]
    text = f"{start}{sentences} {word}{end}"
    assert len(text) == limit
    return text


def _printed(content: bytes) -> str:
    """All text shown in the PDF, in order, without the page footers and without the spaces and
    line breaks of the layout."""
    return "".join("".join(t.text for t in texts(content) if t.y > FOOTER_TOP).split())


def _squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("form_class", FREE_TEXT_FORMS, ids=lambda f: f.__name__)
def test_every_free_text_field_has_a_limit(form_class):
    fields = form_class.base_fields
    texts = {
        name: field
        for name, field in fields.items()
        if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea)
    }
    assert texts, form_class
    for name, field in texts.items():
        assert field.max_length and field.max_length <= 8000, name
        assert "hoogstens" in str(field.error_messages["max_length"]), name


def test_too_long_conference_texts_are_refused_with_a_clear_message(coordinator_client, trajectory):
    data = {
        "date": (timezone.localdate() + dt.timedelta(days=21)).isoformat(),
        "start_time": "18:30",
        "place": "Buurthuis De Vonk",
        "address": "Vonkstraat 3, 9000 Gent",
        "languages": ["nl"],
        "interpreter": "",
        "children_arrangements": "Opvang door buurvrouw An. " * 120,  # about 3000 characters
        "remarks": "x" * (work_forms.MAX_REMARKS + 1),
    }
    response = coordinator_client.post(_url(trajectory, "conference"), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"hoogstens {work_forms.MAX_CHILDREN_ARRANGEMENTS} tekens" in page
    assert f"hoogstens {work_forms.MAX_REMARKS} tekens" in page
    assert not trajectory.conferences.exists()


def test_too_long_needs_of_a_participant_are_refused(coordinator_client, trajectory):
    data = {
        "form": "add",
        "add-name": "Els Peeters",
        "add-role": "family",
        "add-relation": "tante",
        "add-birth_year": "1970",
        "add-invitation": "to_invite",
        "add-needs": "Vervoer vanaf het station. " * 80,  # about 2100 characters
    }
    response = coordinator_client.post(_url(trajectory, "participants"), data)
    assert response.status_code == 200
    assert f"hoogstens {work_forms.MAX_NEEDS} tekens" in response.content.decode()
    assert not trajectory.participants.filter(name="Els Peeters").exists()


def test_the_longest_texts_the_forms_allow_are_accepted():
    today = timezone.localdate()
    plan = work_forms.PlanForm(
        {"if_things_go_differently": _long_text(4000, "A"), "evaluation_on": today.isoformat()}
    )
    assert plan.is_valid(), plan.errors
    too_long = work_forms.PlanForm({"if_things_go_differently": _long_text(4001, "A")})
    assert not too_long.is_valid()
    assert "hoogstens 4000 tekens" in str(too_long.errors)


def test_the_plan_pdf_prints_the_longest_allowed_texts(coordinator_client, trajectory):
    otherwise = _long_text(
        work_forms.PlanForm.base_fields["if_things_go_differently"].max_length, "X"
    )
    plan = PlanFactory(
        trajectory=trajectory,
        status=Plan.Status.ACCEPTED,
        accepted_at=timezone.now(),
        if_things_go_differently=otherwise,
    )
    what_limit = work_forms.AgreementForm.base_fields["what"].max_length
    due_limit = work_forms.AgreementForm.base_fields["due"].max_length
    # Thirty people with the longest names, all responsible for every agreement.
    people = [
        ParticipantFactory(trajectory=trajectory, name=f"{n:02d}" + "Vandenbroucke" * 9 + "a")
        for n in range(30)
    ]
    whats = [_long_text(what_limit, f"W{n}") for n in range(3)]
    for what in whats:
        AgreementFactory(
            plan=plan, what=what, due="d" * due_limit, responsible=people, checked_by=people[-1]
        )

    response = coordinator_client.get(_url(trajectory, "plan_pdf"))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    printed = _printed(response.content)
    for text in (otherwise, *whats, people[0].name, people[-1].name, "d" * due_limit):
        assert _squeezed(text) in printed, text[:20]
    # In order: the agreements, then what happens if things go differently.
    assert printed.index(_squeezed(whats[2])) < printed.index(_squeezed(otherwise))


def test_the_invitation_letter_prints_long_arrangements_for_the_children(
    coordinator_client, trajectory
):
    arrangements = _long_text(work_forms.MAX_CHILDREN_ARRANGEMENTS, "K")
    conference = ConferenceFactory(
        trajectory=trajectory,
        place="P" * 160,  # the model's limits
        address="Vonkstraat " + "3" * 189,
        interpreter="Ayse, tolk Turks " + "t" * 143,
        children_arrangements=arrangements,
    )
    aunt = ParticipantFactory(trajectory=trajectory, name="Tante Els", address="A" * 200)

    response = coordinator_client.get(_url(trajectory, "invitation_letter", conference.pk, aunt.pk))

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    printed = _printed(response.content)
    for text in (arrangements, conference.place, conference.address, conference.interpreter):
        assert _squeezed(text) in printed, text[:20]
    assert printed.index("Voordekinderen") < printed.index(_squeezed(arrangements))


def test_texts_longer_than_the_forms_allow_still_print():
    """Text written before the limits existed (3000 characters about the children, the case
    of the review) runs on to a second page instead of breaking the letter."""
    arrangements = _long_text(3000, "L")
    conference = ConferenceFactory(children_arrangements=arrangements)
    participant = conference.trajectory.participants.get()
    content = invitation_letter_pdf(
        conference=conference, participant=participant, main_people=[participant]
    )
    assert content.startswith(b"%PDF")
    assert _squeezed(arrangements) in _printed(content)
    assert "Pagina 2" in pdf_text(content)

    plan = PlanFactory(status=Plan.Status.ACCEPTED, if_things_go_differently="z" * 10_000)
    agreement = AgreementFactory(plan=plan, what="y" * 10_000)
    content = plan_pdf(trajectory=plan.trajectory, plan=plan, agreements=[agreement])
    printed = _printed(content)
    assert "z" * 10_000 in printed
    assert "y" * 10_000 in printed
