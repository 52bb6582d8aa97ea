"""Refusals of `neighborshare reports` decisions: exit 1 with one line, or 2 for usage."""

from __future__ import annotations

import pytest

from neighborshare.domain.reports import ReportStatus
from neighborshare.settings import Profile, Settings


def test_moderator_from_settings_when_no_as(hood, cli, monkeypatch):
    monkeypatch.setenv("NEIGHBORSHARE_MODERATOR", str(hood.mia))
    hood.c.settings.override(Settings(profile=Profile.MEMORY, _env_file=None))
    result = cli("reports", "claim", hood.safety_report)
    assert result.exit_code == 0, result.output
    assert hood.load("reports", hood.safety_report).moderator_id == hood.mia


def test_acting_without_identity_is_a_usage_error(hood, cli):
    result = cli("reports", "claim", hood.report)
    assert result.exit_code == 2
    assert "--as USER_ID or NEIGHBORSHARE_MODERATOR" in result.output


@pytest.mark.parametrize("command", ["claim", "dismiss"])
def test_a_neighbor_who_is_not_a_moderator_is_refused(hood, cli, command):
    extra = ["--note", "no"] if command == "dismiss" else []
    result = cli("reports", command, hood.safety_report, "--as", hood.ana, *extra)
    assert (result.exit_code, result.output.strip()) == (1, "Error: Only moderators can do that.")
    assert hood.load("reports", hood.safety_report).status is ReportStatus.OPEN


def test_a_moderator_cannot_handle_a_report_involving_themselves(hood, cli):
    result = cli(
        "reports", "resolve", hood.report, "--as", hood.tom, "--action", "warn", "--note", "mine"
    )
    assert result.exit_code == 1
    assert "involves you" in result.output
    assert hood.load("reports", hood.report).status is ReportStatus.OPEN


def test_claimed_by_another_moderator_is_refused(hood, cli):
    cli("reports", "claim", hood.safety_report, "--as", hood.mia)
    result = cli("reports", "claim", hood.safety_report, "--as", hood.tom)
    assert (result.exit_code, "already being reviewed" in result.output) == (1, True)


@pytest.mark.parametrize(
    "args",
    [
        ["--action", "warn", "--days", "3"],
        ["--action", "adjust-credits"],
        ["--action", "warn", "--amount", "2"],
        ["--action", "nuke"],
        ["--action", "warn"],  # no --note
    ],
)
def test_resolve_usage_errors_exit_2(hood, cli, args):
    note = ["--note", "n"] if args != ["--action", "warn"] else []
    result = cli("reports", "resolve", hood.report, "--as", hood.mia, *args, *note)
    assert result.exit_code == 2, result.output
    assert hood.load("reports", hood.report).status is ReportStatus.OPEN


def test_a_closed_report_cannot_be_closed_again(hood, cli):
    cli("reports", "dismiss", hood.report, "--as", hood.mia, "--note", "no evidence")
    result = cli(
        "reports", "resolve", hood.report, "--as", hood.mia, "--action", "warn", "--note", "again"
    )
    assert (result.exit_code, result.output.strip()) == (
        1,
        f"Error: Report #{hood.report} is already dismissed.",
    )
