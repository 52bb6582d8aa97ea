"""`neighborshare reports`: listing, reading and deciding reports, and every refusal."""

from __future__ import annotations

import json

import pytest

from neighborshare.domain.posts import PostStatus
from neighborshare.domain.reports import ReportStatus
from neighborshare.domain.users import UserStatus
from neighborshare.settings import Profile, Settings

from .conftest import Neighborhood


def _report(hood: Neighborhood, report_id: int) -> object:
    with hood.c.uow_factory()() as uow:
        return uow.reports.get(report_id)


def _user(hood: Neighborhood, user_id: int) -> object:
    with hood.c.uow_factory()() as uow:
        return uow.users.get(user_id)


def _audit(hood: Neighborhood) -> list[tuple[object, str, int]]:
    with hood.c.uow_factory()() as uow:
        return [(a.actor_id, a.action, a.target_id) for a in uow.audit.latest(50)]


def test_list_shows_open_reports_oldest_first_with_prior_counts(hood, cli):
    result = cli("reports", "list", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [r["id"] for r in rows] == [hood.report, hood.safety_report]
    assert [r["prior_reports"] for r in rows] == [0, 1]
    assert rows[0]["reported_name"] == "Priya"
    assert rows[0]["age"] == "2h"


def test_list_filters_by_category_user_age_and_status(hood, cli):
    def ids(*args):
        return [r["id"] for r in json.loads(cli("reports", "list", "--json", *args).output)]

    assert ids("--category", "food_safety") == [hood.safety_report]
    assert ids("--user", hood.tom) == []
    assert ids("--older-than", "0.06") == [hood.report]  # 1.44 h: only the 2-hour-old one
    assert ids("--status", "resolved") == []
    assert ids("--status", "all") == [hood.report, hood.safety_report]


def test_list_prints_a_table_for_people(hood, cli):
    result = cli("reports", "list")
    assert result.exit_code == 0
    assert "Priya" in result.output and "harassment" in result.output


def test_list_says_so_when_nothing_matches(hood, cli):
    result = cli("reports", "list", "--category", "spam")
    assert (result.exit_code, result.output.strip()) == (0, "No reports match.")


def test_show_has_exchange_post_evidence_and_both_histories(hood, cli):
    result = cli("reports", "show", hood.report, "--json")
    assert result.exit_code == 0, result.output
    case = json.loads(result.output)
    assert case["report"]["evidence"].startswith("memory://evidence/")
    assert case["exchange"]["id"] == hood.exchange
    assert case["post"]["name"] == "Dal"
    assert case["reported"]["name"] == "Priya"
    assert case["reported"]["reports_against"] == 2
    assert case["reporter"]["name"] == "Tom"
    assert [e["id"] for e in case["reporter"]["recent_exchanges"]] == [hood.exchange]
    assert "phone" not in result.output and "apartment" not in result.output


def test_show_renders_tables(hood, cli):
    result = cli("reports", "show", hood.report)
    assert result.exit_code == 0, result.output
    assert "Reported neighbor" in result.output and "Reporter" in result.output


def test_show_unknown_report_is_refused_in_one_line(hood, cli):
    result = cli("reports", "show", 999)
    assert result.exit_code == 1
    assert result.output.strip() == "Error: There is no report #999."


def test_claim_puts_the_report_in_review_and_audits_it(hood, cli):
    result = cli("reports", "claim", hood.report, "--as", hood.mia)
    assert result.exit_code == 0, result.output
    report = _report(hood, hood.report)
    assert (report.status, report.moderator_id) == (ReportStatus.IN_REVIEW, hood.mia)
    assert (hood.mia, "claim-report", hood.report) in _audit(hood)


def test_moderator_from_settings_when_no_as(hood, cli, monkeypatch):
    monkeypatch.setenv("NEIGHBORSHARE_MODERATOR", str(hood.mia))
    hood.c.settings.override(Settings(profile=Profile.MEMORY, _env_file=None))
    result = cli("reports", "claim", hood.safety_report)
    assert result.exit_code == 0, result.output
    assert _report(hood, hood.safety_report).moderator_id == hood.mia


def test_acting_without_identity_is_a_usage_error(hood, cli):
    result = cli("reports", "claim", hood.report)
    assert result.exit_code == 2
    assert "--as USER_ID or NEIGHBORSHARE_MODERATOR" in result.output


@pytest.mark.parametrize("command", ["claim", "dismiss"])
def test_a_neighbor_who_is_not_a_moderator_is_refused(hood, cli, command):
    extra = ["--note", "no"] if command == "dismiss" else []
    result = cli("reports", command, hood.safety_report, "--as", hood.ana, *extra)
    assert (result.exit_code, result.output.strip()) == (1, "Error: Only moderators can do that.")
    assert _report(hood, hood.safety_report).status is ReportStatus.OPEN


def test_a_moderator_cannot_handle_a_report_involving_themselves(hood, cli):
    result = cli(
        "reports", "resolve", hood.report, "--as", hood.tom, "--action", "warn", "--note", "mine"
    )
    assert result.exit_code == 1
    assert "involves you" in result.output
    assert _report(hood, hood.report).status is ReportStatus.OPEN


def test_claimed_by_another_moderator_is_refused(hood, cli):
    cli("reports", "claim", hood.safety_report, "--as", hood.mia)
    result = cli("reports", "claim", hood.safety_report, "--as", hood.tom)
    assert (result.exit_code, "already being reviewed" in result.output) == (1, True)


MODERATION_NOTICES = {"warned", "account_suspended", "account_banned", "credits_adjusted"}


def _priya_notices_never_name_the_reporter(hood):
    notices = [m for m in hood.outbox(hood.priya) if m.kind in MODERATION_NOTICES]
    assert notices
    priya = _user(hood, hood.priya)
    for message in notices:
        text = json.dumps(message.payload) + hood.c.renderer()(message, priya).html
        assert "Tom" not in text and f'"{hood.tom}"' not in text
        assert "reporter" not in text


def test_resolve_with_warn_tells_both_without_naming_the_reporter(hood, cli):
    result = cli(
        "reports",
        "resolve",
        hood.report,
        "--as",
        hood.mia,
        "--action",
        "warn",
        "--note",
        "Be kind at pickups",
    )
    assert result.exit_code == 0, result.output
    assert _report(hood, hood.report).status is ReportStatus.RESOLVED
    assert "warned" in hood.kinds(hood.priya)
    assert "report_closed" in hood.kinds(hood.tom)
    assert (hood.mia, "resolve-report:warn", hood.report) in _audit(hood)
    _priya_notices_never_name_the_reporter(hood)


def test_resolve_with_suspend_for_days(hood, cli):
    result = cli(
        "reports",
        "resolve",
        hood.report,
        "--as",
        hood.mia,
        "--action",
        "suspend",
        "--days",
        7,
        "--note",
        "cool off",
        "--json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["resolution"] == "suspend"
    priya = _user(hood, hood.priya)
    assert priya.status is UserStatus.SUSPENDED
    assert (priya.suspended_until - hood.c.clock().now()).days == 7
    assert "account_suspended" in hood.kinds(hood.priya)
    _priya_notices_never_name_the_reporter(hood)


def test_resolve_with_ban(hood, cli):
    cli("reports", "resolve", hood.report, "--as", hood.mia, "--action", "ban", "--note", "x")
    assert _user(hood, hood.priya).status is UserStatus.BANNED
    assert "account_banned" in hood.kinds(hood.priya)


def test_resolve_with_hide_post(hood, cli):
    cli("posts", "unhide", hood.post, "--as", hood.mia, "--reason", "checked")
    result = cli(
        "reports",
        "resolve",
        hood.safety_report,
        "--as",
        hood.mia,
        "--action",
        "hide-post",
        "--note",
        "confirmed",
    )
    assert result.exit_code == 0, result.output
    with hood.c.uow_factory()() as uow:
        assert uow.posts.get(hood.post).status is PostStatus.HIDDEN


def test_resolve_with_adjust_credits(hood, cli):
    before = _user(hood, hood.priya).balance
    result = cli(
        "reports",
        "resolve",
        hood.report,
        "--as",
        hood.mia,
        "--action",
        "adjust-credits",
        "--amount",
        -1,
        "--note",
        "no-show penalty",
    )
    assert result.exit_code == 0, result.output
    assert _user(hood, hood.priya).balance == before - 1
    assert "credits_adjusted" in hood.kinds(hood.priya)


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
    assert _report(hood, hood.report).status is ReportStatus.OPEN


def test_dismiss_closes_and_tells_only_the_reporter(hood, cli):
    result = cli("reports", "dismiss", hood.report, "--as", hood.mia, "--note", "no evidence")
    assert result.exit_code == 0, result.output
    report = _report(hood, hood.report)
    assert (report.status, report.note) == (ReportStatus.DISMISSED, "no evidence")
    assert "report_closed" in hood.kinds(hood.tom)
    assert (hood.mia, "dismiss-report", hood.report) in _audit(hood)


def test_a_closed_report_cannot_be_closed_again(hood, cli):
    cli("reports", "dismiss", hood.report, "--as", hood.mia, "--note", "no evidence")
    result = cli(
        "reports", "resolve", hood.report, "--as", hood.mia, "--action", "warn", "--note", "again"
    )
    assert (result.exit_code, result.output.strip()) == (
        1,
        f"Error: Report #{hood.report} is already dismissed.",
    )


def test_show_still_works_when_the_evidence_photo_is_gone(hood, cli):
    case = hood.c.casework().case(hood.report)
    hood.c.photo_store().delete(case.report.evidence_ref)
    result = cli("reports", "show", hood.report, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["report"]["evidence"] == "unavailable: That photo is gone."
