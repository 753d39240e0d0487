"""The network map's layout: every member once, in their own sector and ring, no two labels on
top of each other, and the same drawing for the same data."""

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from eigenkracht.network.layout import (
    CENTRE_RADIUS,
    RINGS,
    SECTOR_SPANS,
    SECTORS,
    TIES,
    Member,
    layout,
)

NAMES = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Zs"), max_codepoint=0x17F),
    min_size=1,
    max_size=40,
)


# The main people: one to four names, some long, together up to a few lines or far more.
CENTRES = st.lists(NAMES.filter(str.strip), min_size=1, max_size=4).map(", ".join)


@st.composite
def networks(draw, min_size=1, max_size=120):
    count = draw(st.integers(min_size, max_size))
    return [
        Member(
            id=n,
            label=draw(NAMES),
            sector=draw(st.sampled_from(SECTORS)),
            ring=draw(st.sampled_from(RINGS)),
            tie=draw(st.sampled_from(TIES)),
            attended=draw(st.booleans()),
        )
        for n in range(count)
    ]


def _overlapping(boxes):
    ordered = sorted(boxes, key=lambda b: b.left)
    for i, box in enumerate(ordered):
        for other in ordered[i + 1 :]:
            if other.left >= box.right:
                break
            if box.overlaps(other):
                return box, other
    return None


@settings(max_examples=60, deadline=None)
@given(networks(), CENTRES)
def test_no_two_labels_overlap_and_everyone_is_drawn_once(members, centre):
    result = layout(members, centre)
    assert sorted(p.member.id for p in result.placed) == sorted(m.id for m in members)
    assert _overlapping([p.box for p in result.placed] + [result.centre_box]) is None
    for placed in result.placed:
        box = placed.box
        assert box.left >= 0 and box.right <= result.size
        assert box.top >= 0 and box.bottom <= result.size


def _inside_the_centre_disc(result) -> bool:
    box, c, radius = result.centre_box, result.centre, result.ring_radii[0]
    corners = [(box.left, box.top), (box.right, box.top), (box.left, box.bottom)]
    corners.append((box.right, box.bottom))
    return all(math.hypot(x - c, y - c) <= radius for x, y in corners)


@settings(max_examples=60, deadline=None)
@given(networks(max_size=40), CENTRES)
def test_the_main_people_are_written_in_full_inside_the_centre_disc(members, centre):
    result = layout(members, centre)
    assert " ".join(result.centre_lines) == " ".join(centre.split())
    assert _inside_the_centre_disc(result)


def test_a_long_centre_label_wraps_and_widens_the_disc_instead_of_being_cut():
    centre = "Kevin Van Damme, Nadia El Amrani-Vandenberghe, Sarah Janssens, Jonas Peeters"
    members = [Member(n, f"Persoon {n}", SECTORS[n % 4], "close") for n in range(24)]
    result = layout(members, centre)
    assert len(result.centre_lines) > 2
    assert " ".join(result.centre_lines) == centre
    assert result.ring_radii[0] > CENTRE_RADIUS
    assert _inside_the_centre_disc(result)
    assert _overlapping([p.box for p in result.placed] + [result.centre_box]) is None
    assert layout(members, "Sarah Janssens").ring_radii[0] == CENTRE_RADIUS


@settings(max_examples=40, deadline=None)
@given(networks(max_size=60))
def test_each_dot_lies_in_its_own_sector_and_ring(members):
    result = layout(members)
    c = result.centre
    for placed in result.placed:
        dx, dy = placed.x - c, c - placed.y
        radius = math.hypot(dx, dy)
        ring = RINGS.index(placed.member.ring)
        assert result.ring_radii[ring] < radius < result.ring_radii[ring + 1]
        start, end = SECTOR_SPANS[placed.member.sector]
        degrees = math.degrees(math.atan2(dy, dx)) % 360
        if placed.member.sector == "school_work" and degrees < 1:
            degrees += 360
        assert start < degrees < end


@settings(max_examples=20, deadline=None)
@given(networks(max_size=80))
def test_the_same_members_in_any_order_give_the_same_drawing(members):
    assert layout(members) == layout(list(reversed(members)))


def test_eighty_members_fit_without_overlap_on_a_printable_scale():
    members = [
        Member(n, f"Persoon met een naam {n}", SECTORS[n % 4], RINGS[n % 3], TIES[n % 3])
        for n in range(80)
    ]
    result = layout(members)
    assert _overlapping([p.box for p in result.placed]) is None
    assert result.scale < 1.6  # an A4 page still shows the labels at a readable size


def test_long_names_are_shortened_with_an_ellipsis():
    [placed] = layout([Member(1, "Alexandra Vandenberghe-De Smedt", "family", "close")]).placed
    assert placed.label.endswith("…") and len(placed.label) <= 20


def test_an_unknown_sector_is_refused():
    import pytest

    with pytest.raises(ValueError):
        layout([Member(1, "X", "neighbours", "close")])
