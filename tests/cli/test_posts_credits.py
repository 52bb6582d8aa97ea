"""`neighborshare posts` and `neighborshare credits`."""

from __future__ import annotations

import json

from neighborshare.domain.posts import PostStatus


def test_posts_list_and_show(hood, cli):
    rows = json.loads(cli("posts", "list", "--json").output)
    assert [(r["id"], r["status"], r["sharer_name"]) for r in rows] == [
        (hood.soup, "active", "Priya"),
        (hood.post, "hidden", "Priya"),
    ]
    active = json.loads(cli("posts", "list", "--status", "active", "--json").output)
    assert [r["id"] for r in active] == [hood.soup]
    shown = json.loads(cli("posts", "show", hood.soup, "--json").output)
    assert [e["id"] for e in shown["exchanges"]] == [hood.exchange]
    assert "Dal" in cli("posts", "list").output and "Dal" in cli("posts", "show", hood.post).output


def test_posts_unhide_and_hide_are_audited_and_the_sharer_told(hood, cli):
    result = cli("posts", "unhide", hood.post, "--reason", "checked", "--as", hood.mia)
    assert result.exit_code == 0, result.output
    assert hood.load("posts", hood.post).status is PostStatus.ACTIVE
    cli("posts", "hide", hood.post, "--reason", "again", "--as", hood.tom)
    assert hood.load("posts", hood.post).status is PostStatus.HIDDEN
    assert hood.kinds(hood.priya).count("post_hidden") == 2  # the safety report, then Tom
    assert "post_restored" in hood.kinds(hood.priya)


def test_posts_refusals(hood, cli):
    missing = cli("posts", "show", 77)
    assert missing.exit_code == 1 and "couldn't find that dish" in missing.output
    stranger = cli("posts", "unhide", hood.post, "--reason", "x", "--as", hood.ana)
    assert stranger.exit_code == 1
    assert hood.load("posts", hood.post).status is PostStatus.HIDDEN


def test_credits_balance_history_and_adjust(hood, cli):
    assert json.loads(cli("credits", "balance", hood.tom, "--json").output)["balance"] == 3
    result = cli("credits", "adjust", hood.tom, -2, "--reason", "duplicate bonus", "--as", hood.mia)
    assert result.exit_code == 0, result.output
    assert "now 1" in result.output
    history = json.loads(cli("credits", "history", hood.tom, "--json").output)
    assert history["balance"] == 1
    assert history["history"][0]["amount"] == -2
    assert history["history"][0]["description"] == "duplicate bonus"
    assert "credits_adjusted" in hood.kinds(hood.tom)
    assert "duplicate bonus" in cli("credits", "history", hood.tom).output


def test_credits_refusals(hood, cli):
    below_zero = cli("credits", "adjust", hood.tom, -50, "--reason", "x", "--as", hood.mia)
    assert below_zero.exit_code == 1 and "Error:" in below_zero.output
    assert "can't go down by 50 credits" in below_zero.output, below_zero.output
    assert "Share a dish" not in below_zero.output
    assert cli("credits", "adjust", hood.tom, 2, "--as", hood.mia).exit_code == 2
    assert cli("credits", "balance", 999).exit_code == 1
    assert cli("credits", "adjust", hood.tom, 2, "--reason", "x", "--as", hood.ana).exit_code == 1
    assert json.loads(cli("credits", "balance", hood.tom, "--json").output)["balance"] == 3
