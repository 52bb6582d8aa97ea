"""`neighborshare seed-demo`: a consistent neighborhood built through the services."""

from __future__ import annotations

import json

from neighborshare.domain.credits import CreditKind


def test_seed_demo_builds_a_consistent_neighborhood_once(container, cli):
    result = cli("seed-demo", "--neighbors", 12, "--days", 6, "--json")
    assert result.exit_code == 0, result.output
    tally = json.loads(result.output)
    assert tally["neighbors"] == 12 and tally["posts"] >= 15 and tally["exchanges"] >= 15
    assert tally["ratings"] > 0 and tally["moderator"] is not None
    with container.uow_factory()() as uow:
        for user_id in uow.users.all_ids():
            assert uow.users.get(user_id).balance == uow.credits.total_for(user_id) >= 0
        bonuses = [t for t in uow.credits.history(1, 100) if t.kind is CreditKind.WELCOME_BONUS]
        assert len(bonuses) == 1
    figures = json.loads(cli("stats", "--json").output)
    assert figures["exchanges_by_state"]["completed"] > 0
    again = cli("seed-demo", "--neighbors", 6, "--days", 1)
    assert again.exit_code == 1 and "already" in again.output


def test_seed_demo_shows_a_progress_bar_and_a_summary(container, cli):
    result = cli("seed-demo", "--neighbors", 6, "--days", 1)
    assert result.exit_code == 0, result.output
    assert "Seeding the neighborhood" in result.output
    assert "Seeded 6 neighbors" in result.output and "Demo moderator: --as 1" in result.output


def test_seed_demo_refuses_the_production_profile(container, cli):
    from neighborshare.settings import Profile, Settings

    storage = container.uow_factory()  # before the profile switch picks another one
    container.settings.override(Settings(profile=Profile.PRODUCTION, _env_file=None))
    result = cli("seed-demo", "--neighbors", 6, "--days", 1)
    assert (result.exit_code, "refuses the production profile" in result.output) == (1, True)
    with storage() as uow:
        assert uow.users.all_ids() == []
