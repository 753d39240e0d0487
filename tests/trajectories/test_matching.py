"""Ranking coordinators: what the family asked for first, then the region, then the room left."""

from eigenkracht.trajectories.matching import Candidate, MatchRequest, rank
from eigenkracht.trajectories.regions import province_of


def candidate(id: int, name: str, **kwargs) -> Candidate:
    return Candidate(id=id, name=name, **kwargs)


def test_the_requested_language_and_gender_come_first():
    request = MatchRequest(postcode="9000", language="ar", gender="female")
    ranked = rank(
        request,
        [
            candidate(1, "An", languages=("nl",), gender="female", provinces=("OVL",)),
            candidate(2, "Fatima", languages=("nl", "ar"), gender="female", provinces=("ANT",)),
            candidate(3, "Youssef", languages=("nl", "ar"), gender="male", provinces=("OVL",)),
        ],
    )
    assert [r.candidate.name for r in ranked] == ["Fatima", "Youssef", "An"]
    assert ranked[0].reasons[:2] == ("language", "gender")
    assert "region" in ranked[0].objections


def test_a_coordinator_working_in_the_postcode_beats_one_in_the_province():
    request = MatchRequest(postcode="9050")
    ranked = rank(
        request,
        [
            candidate(1, "Province", provinces=("OVL",)),
            candidate(2, "Postcode", postcodes=("9050",)),
        ],
    )
    assert [r.candidate.name for r in ranked] == ["Postcode", "Province"]
    assert ranked[0].reasons[0] == "postcode"
    assert ranked[1].reasons[0] == "province"


def test_full_or_unavailable_coordinators_are_listed_last_with_the_reason():
    ranked = rank(
        MatchRequest(postcode="2000", language="nl"),
        [
            candidate(1, "Full", languages=("nl",), provinces=("ANT",), active_trajectories=2),
            candidate(2, "Away", languages=("nl",), provinces=("ANT",), available=False),
            candidate(3, "Free", languages=("fr",), provinces=("LIM",)),
        ],
    )
    assert [r.candidate.name for r in ranked] == ["Free", "Away", "Full"]
    assert ranked[0].eligible and not ranked[1].eligible and not ranked[2].eligible
    assert "unavailable" in ranked[1].objections
    assert "full" in ranked[2].objections


def test_more_room_ranks_higher_when_all_else_is_equal():
    ranked = rank(
        MatchRequest(),
        [
            candidate(1, "Busy", max_trajectories=3, active_trajectories=2),
            candidate(2, "Idle", max_trajectories=3, active_trajectories=0),
        ],
    )
    assert [r.candidate.name for r in ranked] == ["Idle", "Busy"]


def test_background_wish_matches_words_in_the_background():
    ranked = rank(
        MatchRequest(background="Marokkaanse achtergrond"),
        [
            candidate(1, "A", background="jeugdhulp"),
            candidate(2, "B", background="Marokkaanse roots"),
        ],
    )
    assert ranked[0].candidate.name == "B"
    assert "background" in ranked[0].reasons


def test_postcodes_map_to_provinces():
    assert province_of("9000") == "OVL"
    assert province_of("1000") == "BRU"
    assert province_of("3500") == "LIM"
    assert province_of("3000") == "VBR"
    assert province_of("0999") is None
    assert province_of("90000") is None
    assert province_of("abcd") is None
