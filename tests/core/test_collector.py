"""The collector helpers: a set-up runs without the cyclic collector, and what it made is frozen."""

import gc

from eigenkracht.core.collector import set_up_frozen


def test_a_set_up_runs_without_the_collector_and_what_it_made_is_frozen_without_a_full_pass():
    seen = []
    made = []

    def setup(count: int) -> str:
        seen.append(gc.isenabled())
        made.extend({"object": n} for n in range(count))
        return "klaar"

    frozen_before = gc.get_freeze_count()
    full_passes = gc.get_stats()[2]["collections"]
    try:
        assert set_up_frozen(setup)(1000) == "klaar"
        assert seen == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + 1000
        assert gc.get_stats()[2]["collections"] == full_passes
    finally:
        gc.unfreeze()
