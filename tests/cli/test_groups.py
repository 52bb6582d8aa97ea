"""`neighborshare groups`: linked community groups, and a moderator unlinking one (audited)."""

from __future__ import annotations

import json

from neighborshare.domain.values import Location
from neighborshare.services.community import GroupLink

HALL = Location(51.5080, -0.1270)


def test_groups_list_shows_the_linked_groups_without_their_place(hood, cli):
    assert "No group is linked" in cli("groups", "list").output
    hood.c.community().link(GroupLink(-100123, "Maple Court", HALL, 800, "de", 4242))
    rows = json.loads(cli("groups", "list", "--json").output)
    assert [(r["chat_id"], r["title"], r["radius_m"], r["language"]) for r in rows] == [
        (-100123, "Maple Court", 800, "de")]
    shown = cli("groups", "list").output
    assert "Maple Court" in shown and "51.508" not in shown and "51.508" not in str(rows)


def test_a_moderator_unlinks_a_group_with_a_reason_in_the_audit_log(hood, cli):
    hood.c.community().link(GroupLink(-100123, "Maple Court", HALL, 800, "en", 4242))
    result = cli("groups", "unlink", -100123, "--reason", "spam dishes", "--as", hood.mia)
    assert result.exit_code == 0, result.output
    assert "unlinked" in result.output
    assert hood.c.community().linked() == []
    assert (hood.mia, "unlink-group", -100123) in hood.actions()


def test_unlinking_is_refused_to_a_neighbor_and_for_a_group_not_linked(hood, cli):
    hood.c.community().link(GroupLink(-100123, "Maple Court", HALL, 800, "en", 4242))
    stranger = cli("groups", "unlink", -100123, "--reason", "x", "--as", hood.ana)
    assert stranger.exit_code == 1
    assert len(hood.c.community().linked()) == 1
    missing = cli("groups", "unlink", -5, "--reason", "x", "--as", hood.mia)
    assert missing.exit_code == 1 and "No group with that chat id is linked" in missing.output
