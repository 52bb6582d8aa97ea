"""The exchange state machine: which moves are allowed, and what each state means."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product

import pytest

from neighborshare.domain.errors import InvalidTransition, NotAllowed
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from tests.support.refusals import refused

S = ExchangeStatus
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
ALLOWED = {
    (S.PENDING, S.ACCEPTED),
    (S.PENDING, S.DECLINED),
    (S.PENDING, S.CANCELLED),
    (S.PENDING, S.EXPIRED),
    (S.ACCEPTED, S.COMPLETED),
    (S.ACCEPTED, S.CANCELLED),
    (S.ACCEPTED, S.NO_SHOW),
}


def exchange(status: ExchangeStatus = S.PENDING) -> ExchangeRequest:
    return ExchangeRequest(
        post_id=1, requester_id=2, sharer_id=3, portions=2, created_at=NOW, status=status, id=9
    )


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_allowed_moves(source, target):
    moved = exchange(source)
    moved.transition(target, NOW + timedelta(hours=1))
    assert moved.status is target


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in product(S, S) if pair not in ALLOWED]
)
def test_every_other_move_is_refused_and_changes_nothing(source, target):
    stuck = exchange(source)
    with pytest.raises(InvalidTransition):
        stuck.transition(target, NOW)
    assert stuck.status is source and stuck.closed_at is None


def test_refusals_say_what_could_not_be_done():
    with refused(InvalidTransition, "can't be marked as picked up"):
        exchange(S.PENDING).transition(S.COMPLETED, NOW)
    with refused(InvalidTransition, "can't be accepted any more"):
        exchange(S.DECLINED).transition(S.ACCEPTED, NOW)
    with refused(InvalidTransition, "can't be cancelled any more"):
        exchange(S.COMPLETED).transition(S.CANCELLED, NOW)


def test_timestamps_follow_the_moves():
    later = NOW + timedelta(hours=2)
    x = exchange()
    x.transition(S.ACCEPTED, NOW)
    assert (x.responded_at, x.closed_at, x.is_open) == (NOW, None, True)
    x.transition(S.COMPLETED, later)
    assert (x.completed_at, x.pickup_confirmed_at, x.closed_at) == (later, later, later)
    assert not x.is_open


@pytest.mark.parametrize(
    ("status", "releases", "refunds"),
    [
        (S.PENDING, False, False),
        (S.ACCEPTED, False, False),
        (S.COMPLETED, False, False),
        (S.NO_SHOW, False, False),  # the portions were set aside and the hold is kept
        (S.DECLINED, True, True),
        (S.CANCELLED, True, True),
        (S.EXPIRED, True, True),
    ],
)
def test_which_states_keep_portions_and_credits(status, releases, refunds):
    x = exchange(status)
    assert (x.releases_portions, x.refunds_hold) == (releases, refunds)


def test_only_the_two_parties_belong_to_an_exchange():
    x = exchange()
    assert (x.party(2), x.party(3)) == ("requester", "sharer")
    assert (x.other_party(2), x.other_party(3)) == (3, 2)
    with refused(NotAllowed, "isn't yours"):
        x.party(4)
