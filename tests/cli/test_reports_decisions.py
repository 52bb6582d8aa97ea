"""`neighborshare reports claim|resolve|dismiss`: decisions, their notices and refusals."""

from __future__ import annotations

import json

from neighborshare.domain.posts import PostStatus
from neighborshare.domain.reports import ReportStatus
from neighborshare.domain.users import UserStatus


def test_claim_puts_the_report_in_review_and_audits_it(hood, cli):
    result = cli("reports", "claim", hood.report, "--as", hood.mia)
    assert result.exit_code == 0, result.output
    report = hood.load("reports", hood.report)
    assert (report.status, report.moderator_id) == (ReportStatus.IN_REVIEW, hood.mia)
    assert (hood.mia, "claim-report", hood.report) in hood.actions()


MODERATION_NOTICES = {"warned", "account_suspended", "account_banned", "credits_adjusted"}


def _priya_notices_never_name_the_reporter(hood):
    notices = [m for m in hood.outbox(hood.priya) if m.kind in MODERATION_NOTICES]
    assert notices
    priya = hood.load("users", hood.priya)
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
    assert hood.load("reports", hood.report).status is ReportStatus.RESOLVED
    assert "warned" in hood.kinds(hood.priya)
    assert "report_closed" in hood.kinds(hood.tom)
    assert (hood.mia, "resolve-report:warn", hood.report) in hood.actions()
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
    priya = hood.load("users", hood.priya)
    assert priya.status is UserStatus.SUSPENDED
    assert (priya.suspended_until - hood.c.clock().now()).days == 7
    assert "account_suspended" in hood.kinds(hood.priya)
    _priya_notices_never_name_the_reporter(hood)


def test_resolve_with_ban(hood, cli):
    cli("reports", "resolve", hood.report, "--as", hood.mia, "--action", "ban", "--note", "x")
    assert hood.load("users", hood.priya).status is UserStatus.BANNED
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
    before = hood.load("users", hood.priya).balance
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
    assert hood.load("users", hood.priya).balance == before - 1
    assert "credits_adjusted" in hood.kinds(hood.priya)


def test_dismiss_closes_and_tells_only_the_reporter(hood, cli):
    result = cli("reports", "dismiss", hood.report, "--as", hood.mia, "--note", "no evidence")
    assert result.exit_code == 0, result.output
    report = hood.load("reports", hood.report)
    assert (report.status, report.note) == (ReportStatus.DISMISSED, "no evidence")
    assert "report_closed" in hood.kinds(hood.tom)
    assert (hood.mia, "dismiss-report", hood.report) in hood.actions()
