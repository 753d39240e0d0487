"""The network map drawn for a page, a download, a PDF or research: the Django side of the pure
`layout` and `svg` modules. Here the words are translated and names are replaced by pseudonyms
when asked."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eigenkracht.network.kinds import SECTORS
from eigenkracht.network.layout import Layout, Member, layout
from eigenkracht.network.models import (
    NetworkMember,
    NetworkSnapshot,
    Ring,
    Sector,
    Tie,
    place_label,
)
from eigenkracht.network.svg import Texts, render_svg


@dataclass(frozen=True)
class MapRow:
    """One member as drawn and listed: from the live map or from a snapshot."""

    id: int
    name: str
    sector: str
    ring: str
    tie: str
    attended: bool = False
    role: str = ""
    domains: tuple[str, ...] = ()

    @property
    def is_sorted(self) -> bool:
        return bool(self.sector and self.ring)

    @property
    def place(self) -> str:
        tie = str(Tie(self.tie).label).lower() if self.tie in Tie.values else ""
        return ", ".join(part for part in (place_label(self.sector, self.ring), tie) if part)


def rows_from_members(members: Iterable[NetworkMember]) -> list[MapRow]:
    return [
        MapRow(
            id=m.pk,
            name=m.name,
            sector=m.sector,
            ring=m.ring,
            tie=m.tie,
            attended=bool(getattr(m, "attended", False)),
            role=m.role,
            domains=tuple(m.domains),
        )
        for m in members
    ]


def rows_from_snapshot(snapshot: NetworkSnapshot) -> list[MapRow]:
    return [
        MapRow(
            id=row["id"],
            name=row["name"],
            sector=row.get("sector", ""),
            ring=row.get("ring", ""),
            tie=row.get("tie", Tie.STRONG),
            attended=bool(row.get("attended")),
            role=row.get("role", ""),
            domains=tuple(row.get("domains", ())),
        )
        for row in snapshot.data
    ]


def pseudonym_prefixes() -> dict[str, str]:
    return {
        Sector.FAMILY: _("Familie"),
        Sector.FRIENDS: _("Vriend of buur"),
        Sector.SCHOOL_WORK: _("School of werk"),
        Sector.PROFESSIONALS: _("Professional"),
        "": _("Niet gesorteerd"),
    }


def pseudonymise(rows: Iterable[MapRow]) -> list[MapRow]:
    """The same members without names: "Familie 1", "Professional 2"... numbered per sector in
    the order they were added, and numbered ids instead of the database's."""
    prefixes = pseudonym_prefixes()
    numbers: Counter[str] = Counter()
    result = []
    for position, row in enumerate(sorted(rows, key=lambda r: r.id), start=1):
        sector = row.sector if row.sector in SECTORS else ""
        numbers[sector] += 1
        result.append(
            MapRow(
                id=position,
                name=f"{prefixes[sector]} {numbers[sector]}",
                sector=row.sector,
                ring=row.ring,
                tie=row.tie,
                attended=row.attended,
                role=row.role,
                domains=row.domains,
            )
        )
    return result


def _description(rows: list[MapRow], centre: str) -> str:
    drawn = [row for row in rows if row.is_sorted]
    per_sector = Counter(row.sector for row in drawn)
    parts = [
        ngettext(
            "%(count)s persoon rond %(centre)s.", "%(count)s personen rond %(centre)s.", len(drawn)
        )
        % {"count": len(drawn), "centre": centre},
        "; ".join(f"{Sector(code).label}: {per_sector.get(code, 0)}" for code in SECTORS) + ".",
    ]
    attended = sum(1 for row in drawn if row.attended)
    if attended:
        parts.append(
            ngettext(
                "%(count)s van hen was op de conferentie.",
                "%(count)s van hen waren op de conferentie.",
                attended,
            )
            % {"count": attended}
        )
    unsorted = len(rows) - len(drawn)
    if unsorted:
        parts.append(
            ngettext(
                "%(count)s persoon is nog niet gesorteerd en staat niet op de kaart.",
                "%(count)s personen zijn nog niet gesorteerd en staan niet op de kaart.",
                unsorted,
            )
            % {"count": unsorted}
        )
    parts.append(_("De tabel bij de kaart toont dezelfde personen."))
    return " ".join(parts)


def map_texts(rows: list[MapRow], *, centre: str, title: str) -> Texts:
    return Texts(
        title=title,
        description=_description(rows, centre),
        centre=centre,
        sectors={code: str(label) for code, label in Sector.choices},
        ties={code: str(label) for code, label in Tie.choices},
        attended=_("Was op de conferentie"),
        rings=_("De ringen, van binnen naar buiten: %(rings)s.")
        % {"rings": ", ".join(str(label).lower() for label in Ring.labels)},
    )


@dataclass(frozen=True)
class DrawnMap:
    layout: Layout
    texts: Texts
    rows: list[MapRow]  # everyone, drawn or still to be sorted

    @property
    def svg(self) -> str:
        return render_svg(self.layout, self.texts)

    def svg_with_ids(self, prefix: str) -> str:
        """For a page that shows two maps: each needs its own ids."""
        return render_svg(self.layout, self.texts, id_prefix=prefix)

    @property
    def drawn(self) -> list[MapRow]:
        return [row for row in self.rows if row.is_sorted]

    @property
    def unsorted(self) -> list[MapRow]:
        return [row for row in self.rows if not row.is_sorted]


def draw(rows: list[MapRow], *, centre: str, title: str) -> DrawnMap:
    """Lay out and render the sorted members; the same rows always give the same SVG."""
    members = [
        Member(row.id, row.name, row.sector, row.ring, row.tie, row.attended)
        for row in rows
        if row.is_sorted
    ]
    texts = map_texts(rows, centre=centre, title=title)
    return DrawnMap(layout=layout(members, texts.centre), texts=texts, rows=rows)


def centre_label(main_people: Iterable[Any]) -> str:
    names = ", ".join(person.name for person in main_people)
    return names or _("Hoofdpersoon")
