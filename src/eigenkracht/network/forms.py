"""The forms of the network map: one person, a pasted list, sorting, moving, the snapshots and
the research export. They refuse impossible input with a message; the services change state."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from eigenkracht.core.fields import date_widget
from eigenkracht.network.models import NetworkMember, NetworkSnapshot, Ring, Sector, Tie
from eigenkracht.network.services import MAX_PASTE_LINES, NAME_LENGTH, Placement
from eigenkracht.trajectories.models import Domain, Trajectory

NOT_SORTED = ("", _("nog niet sorteren"))


def _sector_field(*, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Sector"),
        choices=[*([] if required else [NOT_SORTED]), *Sector.choices],
        required=required,
        error_messages={
            "required": _("Kies een sector."),
            "invalid_choice": _("Kies een sector uit de lijst."),
        },
    )


def _ring_field(*, required: bool = False) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Nabijheid"),
        choices=[*([] if required else [NOT_SORTED]), *Ring.choices],
        required=required,
        error_messages={
            "required": _("Kies dichtbij, tussenin of veraf."),
            "invalid_choice": _("Kies dichtbij, tussenin of veraf."),
        },
    )


def _tie_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Band"),
        choices=Tie.choices,
        initial=Tie.STRONG,
        error_messages={
            "required": _("Kies een sterke, zwakke of belastende band."),
            "invalid_choice": _("Kies een sterke, zwakke of belastende band."),
        },
    )


def _domains_field() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=_("Steunt de persoon bij (niet verplicht)"),
        choices=Domain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Kies de domeinen uit de lijst.")},
    )


def _name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Naam"),
        max_length=NAME_LENGTH,
        help_text=_("Een voornaam of een omschrijving volstaat, zoals “buurvrouw Rita”."),
        error_messages={
            "required": _("Vul de naam in."),
            "max_length": _("Een naam is hoogstens %(limit_value)d tekens lang."),
        },
    )


class MemberForm(forms.Form):
    """One person, with their place on the map."""

    name = _name_field()
    sector = _sector_field()
    ring = _ring_field()
    tie = _tie_field()
    domains = _domains_field()

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Vul de naam in."))
        return name


class MemberEditForm(MemberForm):
    """The same, for a member already on the map; a participant's name stays as it is."""

    def __init__(self, *args: Any, member: NetworkMember, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "name": member.name,
                "sector": member.sector,
                "ring": member.ring,
                "tie": member.tie,
                "domains": member.domains,
            },
        )
        super().__init__(*args, **kwargs)
        self.member = member
        if member.participant_id is not None:
            self.fields["name"].disabled = True
            self.fields["name"].help_text = _(
                "Een deelnemer: de naam wijzig je bij de deelnemers, dan volgt de kaart."
            )


class MoveForm(forms.Form):
    """Move a member: sector, ring and tie, from the table next to the map."""

    sector = _sector_field()
    ring = _ring_field()
    tie = _tie_field()


class PasteForm(forms.Form):
    names = forms.CharField(
        label=_("Namen, één per regel"),
        max_length=20_000,  # a hundred long names
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
        error_messages={"required": _("Plak minstens één naam, één per regel.")},
    )
    sector = _sector_field()
    ring = _ring_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["names"].help_text = _(
            "Plak een lijst van hoogstens %(max)s namen. Lege regels, opsommingstekens en namen "
            "die al op de kaart staan, worden overgeslagen."
        ) % {"max": MAX_PASTE_LINES}
        self.fields["sector"].label = _("Zet ze allemaal in de sector")
        self.fields["ring"].label = _("Zet ze allemaal in de ring")


class SortForm(forms.Form):
    """The members still to be sorted, each with a sector, a ring and a tie; rows left empty
    stay to be sorted."""

    def __init__(self, *args: Any, members: list[NetworkMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = members
        for member in members:
            self.fields[f"sector_{member.pk}"] = _sector_field()
            self.fields[f"ring_{member.pk}"] = _ring_field()
            self.fields[f"tie_{member.pk}"] = _tie_field()
            self.fields[f"sector_{member.pk}"].initial = member.sector
            self.fields[f"ring_{member.pk}"].initial = member.ring
            self.fields[f"tie_{member.pk}"].initial = member.tie

    def rows(self) -> list[tuple[NetworkMember, Any, Any, Any]]:
        return [
            (m, self[f"sector_{m.pk}"], self[f"ring_{m.pk}"], self[f"tie_{m.pk}"])
            for m in self.members
        ]

    def placements(self) -> dict[int, Placement]:
        """The rows that got a sector or a ring (or both)."""
        data = self.cleaned_data
        return {
            m.pk: Placement(data[f"sector_{m.pk}"], data[f"ring_{m.pk}"], data[f"tie_{m.pk}"])
            for m in self.members
            if data[f"sector_{m.pk}"] or data[f"ring_{m.pk}"]
        }


class SnapshotForm(forms.Form):
    note = forms.CharField(
        label=_("Opmerking (niet verplicht)"),
        max_length=160,
        required=False,
        help_text=_("Bijvoorbeeld: na het huisbezoek bij de grootouders."),
    )


class CompareForm(forms.Form):
    earlier = forms.ModelChoiceField(
        label=_("Vroeger"), queryset=NetworkSnapshot.objects.none(), empty_label=None
    )
    later = forms.ModelChoiceField(
        label=_("Later"),
        queryset=NetworkSnapshot.objects.none(),
        empty_label=_("de kaart nu"),
        required=False,
    )

    def __init__(self, *args: Any, snapshots: list[NetworkSnapshot], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = [s.pk for s in snapshots]
        for name in ("earlier", "later"):
            field = self.fields[name]
            field.queryset = NetworkSnapshot.objects.filter(pk__in=ids).defer("data")
            field.label_from_instance = _snapshot_label


def _snapshot_label(snapshot: NetworkSnapshot) -> str:
    return f"{snapshot.taken_at:%d/%m/%Y} · {snapshot.get_reason_display()}" + (
        f" · {snapshot.note}" if snapshot.note else ""
    )


class ExportForm(forms.Form):
    FORMATS = (("csv", _("CSV (één bestand)")), ("zip", _("ZIP: de CSV en elke kaart als SVG")))

    statuses = forms.MultipleChoiceField(
        label=_("Status van het traject"),
        choices=Trajectory.Status.choices,
        initial=[Trajectory.Status.CLOSED],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één status."),
            "invalid_choice": _("Kies de status uit de lijst."),
        },
    )
    referred_from = forms.DateField(
        label=_("Aangemeld vanaf (niet verplicht)"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    referred_until = forms.DateField(
        label=_("Aangemeld tot en met (niet verplicht)"),
        required=False,
        widget=date_widget(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    file_format = forms.ChoiceField(
        label=_("Bestand"), choices=FORMATS, initial="csv", widget=forms.RadioSelect
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("referred_from"), data.get("referred_until")
        if start and end and start > end:
            self.add_error("referred_until", _("De einddatum ligt voor de begindatum."))
        return data
