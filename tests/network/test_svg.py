"""The SVG drawing of a network map: accessible, every member once, ties in three styles."""

import xml.etree.ElementTree as ET

from defusedxml.ElementTree import fromstring

from eigenkracht.network.layout import Member, layout
from eigenkracht.network.svg import Texts, labels, render_svg

SVG = "{http://www.w3.org/2000/svg}"
TEXTS = Texts(
    title="Netwerkkaart van Sarah",
    description="Twaalf mensen rond Sarah, in vier sectoren.",
    centre="Sarah Janssens",
    sectors={
        "family": "Familie",
        "friends": "Vrienden en buren",
        "school_work": "School, werk en vrije tijd",
        "professionals": "Professionals en diensten",
    },
    ties={"strong": "sterke band", "weak": "zwakke band", "stressful": "band met spanning"},
    attended="aanwezig op de conferentie",
    rings="Binnenste cirkel: dichtbij, middelste: midden, buitenste: veraf.",
)
MEMBERS = [
    Member(1, "Oma Rita", "family", "close", "strong", attended=True),
    Member(2, "Buurman Jan", "friends", "middle", "weak"),
    Member(3, "Juf <Els> & co", "school_work", "far", "stressful"),
    Member(4, "Dokter Peeters", "professionals", "middle", "strong", attended=True),
]


def draw(members=MEMBERS, centre=TEXTS.centre) -> ET.Element:
    return fromstring(render_svg(layout(members, centre), TEXTS))


def _legend(root: ET.Element) -> ET.Element:
    return next(g for g in root.iter(f"{SVG}g") if g.get("class") == "legend")


def test_the_svg_has_a_title_and_a_description_for_screen_readers():
    root = draw()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "map-title map-desc"
    assert root.find(f"{SVG}title").text == "Netwerkkaart van Sarah"
    assert root.find(f"{SVG}desc").text.startswith("Twaalf mensen")


def test_every_member_is_drawn_exactly_once_with_the_name_escaped():
    root = draw()
    groups = [g for g in root.iter(f"{SVG}g") if g.get("class") == "member"]
    assert sorted(int(g.get("data-member")) for g in groups) == [1, 2, 3, 4]
    labels = [g.find(f"{SVG}text").text for g in groups]
    assert "Juf <Els> & co" in labels  # parsed back: it was escaped in the file


def test_ties_are_solid_dashed_or_zigzag_and_attendance_is_marked():
    root = draw()
    ties = {e.get("class"): e for e in root.iter() if (e.get("class") or "").startswith("tie ")}
    assert ties["tie strong"].get("stroke-dasharray") is None
    assert ties["tie weak"].get("stroke-dasharray") == "6 5"
    assert ties["tie stressful"].tag == f"{SVG}path"
    assert ties["tie stressful"].get("d").count("L") > 3
    marked = [
        g.get("data-member")
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "member" and len(g.findall(f"{SVG}circle")) == 2
    ]
    assert sorted(marked) == ["1", "4"]


def test_the_legend_and_the_sector_titles_are_drawn():
    text = " ".join(t.text or "" for t in draw().iter(f"{SVG}text"))
    for words in ["Familie", "Vrienden en buren", "sterke band", "band met spanning"]:
        assert words in text
    assert "aanwezig op de conferentie" in text


def test_the_same_data_gives_the_same_file():
    assert render_svg(layout(MEMBERS), TEXTS) == render_svg(layout(MEMBERS[::-1]), TEXTS)


STROKE = ("stroke", "stroke-width", "stroke-dasharray", "fill")


def test_every_tie_is_drawn_with_a_visible_stroke_in_its_legend_style():
    members = [
        Member(n, f"Persoon {n}", sector, ring, tie)
        for n, (sector, ring, tie) in enumerate(
            (s, r, t)
            for s in ("family", "friends", "school_work", "professionals")
            for r in ("close", "middle", "far")
            for t in ("strong", "weak", "stressful")
        )
    ]
    root = draw(members)
    samples = {
        e.get("class"): e for e in _legend(root) if (e.get("class") or "").startswith("tie ")
    }
    ties = {e.get("data-member"): e for e in root if (e.get("class") or "").startswith("tie ")}
    assert sorted(ties) == sorted(str(m.id) for m in members)  # one each, on the map itself
    for member in members:
        tie = ties[str(member.id)]
        sample = samples[f"tie {member.tie}"]
        assert tie.get("class") == f"tie {member.tie}"
        assert tie.get("stroke") not in (None, "none", "transparent", "#fff", "#ffffff")
        assert float(tie.get("stroke-width")) >= 1
        assert tie.tag == sample.tag
        assert [tie.get(a) for a in STROKE] == [sample.get(a) for a in STROKE]
    assert samples["tie strong"].get("stroke-dasharray") is None
    assert samples["tie weak"].get("stroke-dasharray") == "6 5"
    assert samples["tie stressful"].tag == f"{SVG}path"


def _centre_lines(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "centre"]


def test_the_main_people_are_written_in_full_over_several_lines():
    centre = "Kevin Van Damme, Nadia El Amrani-Vandenberghe, Sarah Janssens"
    lines = _centre_lines(draw(centre=centre))
    assert len(lines) > 1
    assert " ".join(lines) == centre
    assert not any("…" in line for line in lines)


def test_a_short_centre_stays_on_one_line():
    assert _centre_lines(draw(centre="Sarah Janssens")) == ["Sarah Janssens"]


def test_for_print_the_svg_has_no_text_and_the_labels_carry_every_word():
    result = layout(MEMBERS, "Kevin Van Damme, Nadia El Amrani")
    root = fromstring(render_svg(result, TEXTS, for_print=True))
    assert list(root.iter(f"{SVG}text")) == []
    written = {label.text for label in labels(result, TEXTS)}
    assert {"Familie", "Kevin Van Damme,", "Nadia El Amrani", "Juf <Els> & co"} <= written
    assert {"sterke band", "aanwezig op de conferentie", TEXTS.rings} <= written
