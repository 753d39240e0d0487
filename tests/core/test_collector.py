"""The collector helpers: a set-up runs without the cyclic collector, and what it made is frozen."""

import gc

from eigenkracht.core.collector import set_up_frozen


def test_a_set_up_runs_without_the_collector_and_what_it_made_is_frozen_without_a_pass():
    seen = []
    made = []

    def setup(count: int) -> str:
        seen.append(gc.isenabled())
        made.extend({"object": n} for n in range(count))
        return "klaar"

    frozen_before = gc.get_freeze_count()
    gc.collect()  # the youngest generation starts empty: no pass falls due before the set-up
    passes = [generation["collections"] for generation in gc.get_stats()]
    try:
        assert set_up_frozen(setup)(1000) == "klaar"
        # Frozen before the collector is back: else the next object made starts a pass over
        # everything the set-up made (28-36 ms of every command's start).
        made.extend([] for _ in range(10))
        assert seen == [False]
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen_before + 1000
        assert [generation["collections"] for generation in gc.get_stats()] == passes
    finally:
        gc.unfreeze()
