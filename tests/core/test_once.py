"""A form sent twice acts once: its token is recorded with what it did."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from eigenkracht.core.models import SentForm
from eigenkracht.core.once import SentBefore, once_claim, sent_forms_prune


@pytest.mark.django_db
def test_a_token_goes_through_once_per_kind_of_form():
    once_claim(scope="referral", token="abc")

    with pytest.raises(SentBefore, match="Dit formulier werd al verstuurd"):
        once_claim(scope="referral", token="abc")
    once_claim(scope="follow_up", token="abc")
    once_claim(scope="referral", token="")  # a page from before the tokens: not checked
    once_claim(scope="referral", token="")


@pytest.mark.django_db
def test_a_send_that_was_refused_leaves_the_token_free_for_the_corrected_form():
    with pytest.raises(ValueError), transaction.atomic():
        once_claim(scope="referral", token="abc")
        raise ValueError("refused further on")

    once_claim(scope="referral", token="abc")


@pytest.mark.django_db
def test_tokens_are_kept_a_day():
    once_claim(scope="referral", token="old")
    SentForm.objects.update(created_at=timezone.now() - dt.timedelta(days=2))
    once_claim(scope="referral", token="new")

    assert sent_forms_prune() == 1
    assert list(SentForm.objects.values_list("token", flat=True)) == ["new"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite serialises every write, so there is no race to prove",
)
def test_two_sends_at_the_same_moment_let_one_through():
    start = threading.Barrier(6)
    outcomes: list[str] = []

    def send() -> None:
        try:
            start.wait()
            with transaction.atomic():
                once_claim(scope="referral", token="same")
            outcomes.append("done")
        except SentBefore:
            outcomes.append("sent before")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done"] + ["sent before"] * 5
