"""The evaluation forms: short, one question per fieldset, radio buttons large enough for a
thumb. The children's version asks the same with faces (each with its words) and simple
statements; its answers are mapped onto the same scales (see FACES and YES_NO)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.evaluations.models import Agree, Propose
from eigenkracht.evaluations.services import ConferenceAnswers, TrainingAnswers

SCORES = [(str(n), str(n)) for n in range(1, 11)]
# A face for each step, with its words; stored on the 1-10 scale of the adults' form. The face is
# the mouth of a drawn smiley (an SVG path), not an emoji: a computer without a colour emoji font
# would show an empty box.
FACES = [
    ("2", "M10 23 Q16 15 22 23", _("Heel slecht")),
    ("4", "M10 22 Q16 18 22 22", _("Niet goed")),
    ("6", "M10 21 L22 21", _("Gaat wel")),
    ("8", "M10 20 Q16 24 22 20", _("Goed")),
    ("10", "M9 19 Q16 28 23 19", _("Heel goed")),
]
# The children's statements: yes, a bit, no, on the agree scale.
YES_NO = [("5", _("Ja")), ("3", _("Een beetje")), ("1", _("Nee"))]
AGREE = [(str(value), label) for value, label in Agree.choices] + [("", _("Weet ik niet"))]
FIDELITY = ("decisions", "inclusion", "support")


def _score(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=SCORES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een cijfer van 1 tot 10.")},
    )


def _statement(label: str, choices: list[tuple[str, str]]) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices, required=False, widget=forms.RadioSelect)


def _comment(label: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


class ConferenceForm(forms.Form):
    score_meeting = _score(_("Welk cijfer geef je aan de bijeenkomst zelf?"))
    score_plan = _score(_("Welk cijfer geef je aan het plan dat er gemaakt is?"))
    score_coordinator = _score(_("Welk cijfer geef je aan de coördinator die alles voorbereidde?"))
    decisions = _statement(
        _("We hebben samen beslissingen genomen waar we iets mee kunnen."), AGREE
    )
    inclusion = _statement(
        _("De familie en het netwerk konden zelf meepraten en meebeslissen."), AGREE
    )
    support = _statement(
        _("De hulpverleners steunden ons, zonder het van ons over te nemen."), AGREE
    )
    comment = _comment(_("Wil je nog iets zeggen? Wat was goed, wat kan beter?"))

    children = False
    score_names = ("score_meeting", "score_plan", "score_coordinator")

    def __init__(self, *args, professional: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if professional and not self.children:
            # The same statements, as a professional who was there says them.
            self.fields["decisions"].label = _(
                "De familie en het netwerk namen samen beslissingen waar ze iets mee kunnen."
            )
            self.fields["support"].label = _(
                "Als hulpverlener kon ik steunen, zonder het van de familie over te nemen."
            )

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.score_names]

    def statement_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in FIDELITY]

    def answers(self) -> ConferenceAnswers:
        data = self.cleaned_data
        return ConferenceAnswers(
            **{name: int(data[name]) for name in self.score_names},
            **{name: int(data[name]) if data[name] else None for name in FIDELITY},
            comment=data["comment"].strip(),
        )


class ChildConferenceForm(ConferenceForm):
    score_meeting = forms.ChoiceField(
        label=_("Hoe vond je de bijeenkomst?"),
        choices=[(value, words) for value, _face, words in FACES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een gezichtje.")},
    )
    score_plan = forms.ChoiceField(
        label=_("Hoe vind je het plan?"),
        choices=[(value, words) for value, _face, words in FACES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een gezichtje.")},
    )
    score_coordinator = forms.ChoiceField(
        label=_("Hoe vond je de coördinator?"),
        choices=[(value, words) for value, _face, words in FACES],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een gezichtje.")},
    )
    decisions = _statement(_("We hebben samen goede afspraken gemaakt."), YES_NO)
    inclusion = _statement(_("Ik mocht zeggen wat ik dacht."), YES_NO)
    support = _statement(_("De hulpverleners hebben goed geholpen."), YES_NO)
    comment = _comment(_("Wil je nog iets zeggen?"))

    children = True

    def face_rows(self) -> list[tuple[forms.BoundField, list[tuple[object, str]]]]:
        """Each score question with its choices and their faces, for the template."""
        faces = [face for _value, face, _words in FACES]
        return [(field, list(zip(field, faces, strict=True))) for field in self.score_fields()]


class TrainingForm(forms.Form):
    score_content = _score(_("Welk cijfer geef je aan de inhoud van de vorming?"))
    score_trainer = _score(_("Welk cijfer geef je aan de lesgever?"))
    score_organisation = _score(
        _("Welk cijfer geef je aan de praktische organisatie (plaats, uren, info vooraf)?")
    )
    would_propose = forms.ChoiceField(
        label=_("Zou je een Eigen Kracht-conferentie voorstellen aan een gezin?"),
        choices=Propose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja, misschien of nee.")},
    )
    comment = _comment(_("Wat wil je ons nog zeggen over de vorming?"))

    score_names = ("score_content", "score_trainer", "score_organisation")

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.score_names]

    def answers(self) -> TrainingAnswers:
        data = self.cleaned_data
        return TrainingAnswers(
            **{name: int(data[name]) for name in self.score_names},
            would_propose=data["would_propose"],
            comment=data["comment"].strip(),
        )


class SettingsForm(forms.Form):
    reminder_after_days = forms.IntegerField(
        label=_("Herinnering na (dagen)"),
        min_value=0,
        max_value=60,
        help_text=_("Eén herinnering aan wie de evaluatie nog niet invulde; 0: geen herinnering."),
    )
