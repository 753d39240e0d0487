from django import forms
from django.utils.translation import gettext_lazy as _


class AttendanceForm(forms.Form):
    """The ticked boxes of the attendance page; only ids of the listed participants count."""

    present = forms.TypedMultipleChoiceField(
        label=_("Aanwezig"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, participant_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(pk, pk) for pk in participant_ids]
