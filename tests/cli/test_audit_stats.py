"""`neighborshare audit list`, `neighborshare stats` and how the CLI fails."""

from __future__ import annotations

import json
import secrets
from datetime import timedelta

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from neighborshare.entrypoints.cli import main
from neighborshare.settings import Profile, Settings
from tests.support.databases import POSTGRES_ADMIN_URL


def test_audit_list_newest_first_with_system_actions(hood, cli):
    cli("reports", "claim", hood.report, "--as", hood.mia)
    rows = json.loads(cli("audit", "list", "--json").output)
    assert [r["action"] for r in rows[:2]] == ["claim-report", "hide-post"]
    assert rows[1]["actor_id"] is None  # the food-safety report hid the post
    mine = json.loads(cli("audit", "list", "--actor", hood.mia, "--json").output)
    assert {r["action"] for r in mine} == {"claim-report", "promote"}
    table = cli("audit", "list").output
    assert "claim-report" in table and "system" in table


def test_stats_for_the_week(hood, cli):
    result = cli("stats", "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["exchanges_by_state"]["accepted"] == 1
    assert figures["portions_offered"] == 8  # 4 of dal, 4 of soup
    assert figures["active_neighbors"] == 2  # Priya shared, Tom requested
    assert figures["completion_rate"] is None  # nothing closed yet
    assert figures["open_reports_by_age"]["under 1 day"] == 2
    assert "Open reports by age" in cli("stats").output


def test_stats_rates_after_a_pickup(hood, cli):
    hood.c.exchanges().confirm_pickup(hood.tom, hood.exchange)
    figures = json.loads(cli("stats", "--json").output)
    assert (figures["completion_rate"], figures["no_show_rate"]) == (1.0, 0.0)
    assert figures["portions_handed_over"] == 2


def _reports_list_on(url: str) -> str:
    from neighborshare.container import Container

    c = Container()
    c.settings.override(Settings(profile=Profile.EMBEDDED, database_url=url, _env_file=None))
    result = CliRunner().invoke(main, ["reports", "list"], obj=c)
    assert result.exit_code == 1
    return result.output.strip()


NO_SCHEMA = "Error: The database has no tables yet: run `neighborshare db upgrade` first."


def test_an_sqlite_database_without_tables_asks_for_db_upgrade(tmp_path):
    assert _reports_list_on(f"sqlite:///{tmp_path / 'empty.db'}") == NO_SCHEMA


@pytest.mark.postgis
def test_a_postgres_database_without_tables_asks_for_db_upgrade():
    name = f"ns_cli_empty_{secrets.token_hex(3)}"
    admin = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = sa.make_url(POSTGRES_ADMIN_URL).set(database=name)
    try:
        assert _reports_list_on(url.render_as_string(hide_password=False)) == NO_SCHEMA
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_help_lists_every_command_without_importing_them():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("reports", "users", "posts", "credits", "audit", "stats", "seed-demo"):
        assert name in result.output


def test_every_operator_command_has_help():
    runner = CliRunner()
    groups = {
        "reports": ("list", "show", "claim", "resolve", "dismiss"),
        "users": ("show", "find", "suspend", "unsuspend", "ban", "promote", "demote"),
        "posts": ("list", "show", "hide", "unhide"),
        "credits": ("balance", "history", "adjust"),
        "audit": ("list",),
    }
    for group, commands in groups.items():
        listed = runner.invoke(main, [group, "--help"])
        assert listed.exit_code == 0
        for command in commands:
            assert command in listed.output
            assert runner.invoke(main, [group, command, "--help"]).exit_code == 0
    assert "--bootstrap" in runner.invoke(main, ["users", "promote", "--help"]).output
    for command in ("stats", "seed-demo"):
        assert runner.invoke(main, [command, "--help"]).exit_code == 0


def test_stats_count_no_shows_and_age_the_report_queue(hood, cli):
    hood.c.exchanges().no_show(hood.priya, hood.exchange)
    hood.c.clock().advance(timedelta(days=2))
    figures = json.loads(cli("stats", "--json").output)
    assert (figures["completion_rate"], figures["no_show_rate"]) == (0.0, 1.0)
    assert figures["open_reports_by_age"] == {
        "under 1 day": 0,
        "1-3 days": 2,
        "3-7 days": 0,
        "over 7 days": 0,
    }
    last_day = json.loads(cli("stats", "--days", 1, "--json").output)
    assert (last_day["portions_offered"], last_day["active_neighbors"]) == (0, 0)
