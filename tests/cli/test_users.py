"""`neighborshare users`: looking neighbors up and acting on their accounts."""

from __future__ import annotations

import json

import pytest

from neighborshare.domain.users import Role, UserStatus

from .conftest import register


def test_show_gives_standing_rating_and_history(hood, cli):
    result = cli("users", "show", hood.priya, "--json")
    assert result.exit_code == 0, result.output
    priya = json.loads(result.output)
    assert (priya["name"], priya["reports_against"], priya["status"]) == ("Priya", 2, "active")
    assert [p["name"] for p in priya["recent_posts"]] == ["Soup", "Dal"]
    assert "phone" not in result.output
    assert "Priya" in cli("users", "show", hood.priya).output


def test_show_unknown_neighbor_exits_1(hood, cli):
    result = cli("users", "show", 404)
    assert (result.exit_code, result.output.strip()) == (1, "Error: There is no neighbor #404.")


def test_find_by_name(hood, cli):
    rows = json.loads(cli("users", "find", "pri", "--json").output)
    assert [r["id"] for r in rows] == [hood.priya]
    assert "No neighbor matches." in cli("users", "find", "zed").output
    assert "Priya" in cli("users", "find", "pri").output


def test_suspend_and_unsuspend_are_audited_and_told(hood, cli):
    result = cli("users", "suspend", hood.ana, "--days", 3, "--reason", "spam", "--as", hood.mia)
    assert result.exit_code == 0, result.output
    assert hood.load("users", hood.ana).status is UserStatus.SUSPENDED
    cli("users", "unsuspend", hood.ana, "--reason", "sorted out", "--as", hood.mia)
    assert hood.load("users", hood.ana).status is UserStatus.ACTIVE
    assert {"account_suspended", "account_restored"} <= set(hood.kinds(hood.ana))
    assert {(hood.mia, "suspend", hood.ana), (hood.mia, "unsuspend", hood.ana)} <= set(
        hood.actions()
    )


def test_ban(hood, cli):
    result = cli("users", "ban", hood.ana, "--reason", "abuse", "--as", hood.mia, "--json")
    assert json.loads(result.output)["status"] == "banned"
    assert "account_banned" in hood.kinds(hood.ana)


def test_promote_and_demote(hood, cli):
    assert cli("users", "promote", hood.ana, "--reason", "trusted", "--as", hood.mia).exit_code == 0
    assert hood.load("users", hood.ana).role is Role.MODERATOR
    assert (
        cli("users", "demote", hood.ana, "--reason", "stepped down", "--as", hood.mia).exit_code
        == 0
    )
    assert hood.load("users", hood.ana).role is Role.NEIGHBOR
    assert (hood.mia, "demote", hood.ana) in hood.actions()
    assert hood.kinds(hood.ana).count("role_changed") == 2


def test_a_moderator_cannot_act_on_their_own_account(hood, cli):
    result = cli("users", "demote", hood.mia, "--reason", "x", "--as", hood.mia)
    assert result.exit_code == 1 and "your own account" in result.output
    assert hood.load("users", hood.mia).role is Role.MODERATOR


@pytest.mark.parametrize("command", ["suspend", "unsuspend", "ban", "promote", "demote"])
def test_only_moderators_may_act(hood, cli, command):
    result = cli("users", command, hood.ana, "--reason", "x", "--as", hood.priya)
    assert (result.exit_code, result.output.strip()) == (1, "Error: Only moderators can do that.")
    assert hood.load("users", hood.ana).status is UserStatus.ACTIVE


def test_missing_reason_is_a_usage_error(hood, cli):
    assert cli("users", "ban", hood.ana, "--as", hood.mia).exit_code == 2


def test_bootstrap_appoints_the_first_moderator_only_once(container, cli):
    first = register(container, 11, "Lena")
    second = register(container, 12, "Omar")
    result = cli("users", "promote", first, "--bootstrap", "--reason", "founder")
    assert result.exit_code == 0, result.output
    refused = cli("users", "promote", second, "--bootstrap", "--reason", "me too")
    assert refused.exit_code == 1 and "already a moderator" in refused.output
    with container.uow_factory()() as uow:
        assert uow.users.get(second).role is Role.NEIGHBOR
        entry = uow.audit.latest(1)[0]
        told = [m.kind for m in uow.outbox.sent_to(first)]
    assert (entry.actor_id, entry.action, entry.target_id) == (None, "promote", first)
    assert "role_changed" in told


def test_bootstrap_takes_no_as(hood, cli):
    result = cli("users", "promote", hood.ana, "--bootstrap", "--as", hood.mia, "--reason", "x")
    assert result.exit_code == 2


def test_a_neighbor_s_name_reaches_the_terminal_as_plain_text(container, cli):
    register(container, 21, "[bold]Zed[/bold]\x1b[2J")
    result = cli("users", "find", "Zed")
    assert "[bold]Zed[/bold]?[2J" in result.output
    assert "\x1b" not in result.output


def test_erase_is_audited_with_the_moderators_reason(hood, cli):
    result = cli("users", "erase", hood.ana, "--reason", "asked by email", "--as", hood.mia,
                 "--json")
    assert result.exit_code == 0, result.output
    erased = json.loads(result.output)
    assert (erased["user_id"], erased["pseudonym"]) == (hood.ana, f"erased-{hood.ana}")
    ana = hood.load("users", hood.ana)
    assert (ana.preferred_name, ana.apartment, ana.erased_at is not None) == (
        f"erased-{hood.ana}", "", True)
    assert (hood.mia, "erase", hood.ana) in hood.actions()
    [found] = json.loads(cli("users", "find", f"erased-{hood.ana}", "--json").output)
    assert (found["id"], found["status"], found["erased_at"] is not None) == (
        hood.ana, "erased", True)
    again = cli("users", "erase", hood.ana, "--reason", "twice", "--as", hood.mia)
    assert (again.exit_code, again.output.strip()) == (
        1, "Error: That account was deleted, so nothing more can change it.")


def test_erase_needs_a_moderator_and_a_reason(hood, cli):
    assert cli("users", "erase", hood.ana, "--as", hood.mia).exit_code == 2
    refused = cli("users", "erase", hood.ana, "--reason", "x", "--as", hood.priya)
    assert refused.exit_code == 1 and "Only moderators" in refused.output
    assert hood.load("users", hood.ana).erased_at is None
