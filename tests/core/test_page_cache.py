"""Fragments of public pages: made once per version and date, kept in the process in front of
the cache, never longer than the cache keeps them."""

import pytest
from django.core.cache import cache

from eigenkracht.core import page_cache


def made_counter():
    made = []

    def make() -> str:
        made.append(1)
        return f"<p>{len(made)}</p>"

    return made, make


def test_a_fragment_is_made_once_and_then_read_from_the_process(monkeypatch):
    made, make = made_counter()
    page_cache.cached_fragment("v1", "cards", (), make)
    monkeypatch.setattr(cache, "get", lambda *a, **k: pytest.fail("read from the cache again"))

    assert page_cache.cached_fragment("v1", "cards", (), make) == "<p>1</p>"
    assert len(made) == 1


def test_a_new_version_makes_the_fragment_again():
    _made, make = made_counter()
    page_cache.cached_fragment("v1", "cards", (), make)

    assert page_cache.cached_fragment("v2", "cards", (), make) == "<p>2</p>"


def test_the_process_keeps_a_fragment_no_longer_than_the_cache(monkeypatch):
    _made, make = made_counter()
    clock = [1000.0]
    monkeypatch.setattr(page_cache.time, "monotonic", lambda: clock[0])
    page_cache.cached_fragment("v1", "cards", (), make)
    cache.clear()  # the cache's own entry timed out
    clock[0] += page_cache.TIMEOUT_SECONDS

    assert page_cache.cached_fragment("v1", "cards", (), make) == "<p>2</p>"


def test_the_process_starts_over_when_it_holds_too_many(monkeypatch):
    monkeypatch.setattr(page_cache, "FRAGMENTS_KEPT", 3)
    for part in range(5):
        page_cache.cached_fragment("v1", "cards", (part,), lambda: "x")

    assert len(page_cache._fragments) <= 3
