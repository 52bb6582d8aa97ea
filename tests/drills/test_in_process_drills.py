"""The in-process drills (authorization, photos, privacy, hostile input): every claim holds."""

from __future__ import annotations

import pytest
from drills.webhooks import throwaway_database

from drills import authorization, hostile, photos, privacy


def test_authorization_drill_refuses_every_action_out_of_role() -> None:
    outcome = authorization.run()
    print(outcome.render())
    assert outcome.passed, outcome.failed
    assert outcome.figures["refusals checked"] == 55


@pytest.mark.slow
def test_photo_drill_refuses_or_cleans_every_hostile_photo() -> None:
    outcome = photos.run()
    print(outcome.render())
    assert outcome.passed, outcome.failed
    assert len(outcome.checks) == 8


@pytest.mark.slow
def test_privacy_drill_trilateration_finds_only_the_grid_cell() -> None:
    outcome = privacy.run(origins=500, sharers=5)
    print(outcome.render())
    assert outcome.passed, outcome.failed


@pytest.mark.slow
def test_hostile_input_drill_finds_no_crash_leak_or_state_change() -> None:
    outcome = hostile.run(examples=60)
    print(outcome.render())
    assert outcome.passed, outcome.failed


@pytest.mark.slow
@pytest.mark.postgis
def test_hostile_input_drill_on_postgis_where_text_meets_real_columns() -> None:
    with throwaway_database() as url:
        outcome = hostile.run(examples=10, database_url=url)
    print(outcome.render())
    assert outcome.passed, outcome.failed
