"""`neighborshare outbox`: queued by class, failed with reasons, retry and drop (audited)."""

from __future__ import annotations

import json

from neighborshare.domain.sending import MAX_REFUSALS
from tests.cli.conftest import Neighborhood


def _fail_one(hood: Neighborhood) -> int:
    """Telegram refused Tom's first message too often: it is set aside as failed."""
    message = hood.outbox(hood.tom)[0]
    with hood.c.uow_factory()() as uow:
        row = uow.outbox.get(message.id)
        for _ in range(MAX_REFUSALS):
            row.refused("Bad Request: message is too long", hood.c.clock().now())
        uow.outbox.save(row)
        uow.commit()
    assert message.id is not None
    return message.id


def test_list_shows_the_queue_by_class_and_the_failed_with_their_reason(hood, cli):
    failed = _fail_one(hood)
    listed = json.loads(cli("outbox", "list", "--json").output)
    by_class = {q["class"]: q for q in listed["queued"]}
    assert by_class["exchange"]["queued"] >= 1 and by_class["exchange"]["due"] >= 1
    assert by_class["exchange"]["oldest_age_s"] >= 3600  # queued two hours ago
    assert [(f["id"], f["last_error"]) for f in listed["failed"]] == [
        (failed, "Bad Request: message is too long")]
    table = cli("outbox", "list").output
    assert "Queued by class" in table and "Failed (1)" in table.replace("\n", "")


def test_a_moderator_retries_a_failed_message_and_it_is_audited(hood, cli):
    failed = _fail_one(hood)
    result = cli("outbox", "retry", failed, "--as", hood.mia, "--reason", "fixed the text")
    assert result.exit_code == 0, result.output
    row = hood.load("outbox", failed)
    assert row.failed_at is None and row.refusals == 0
    assert hood.actions()[0] == (hood.mia, "retry-outbox", failed)
    again = cli("outbox", "retry", failed, "--as", hood.mia)
    assert again.exit_code == 1 and "has not failed" in again.output


def test_a_moderator_drops_a_failed_message_and_nobody_else_can(hood, cli):
    failed = _fail_one(hood)
    refused = cli("outbox", "drop", failed, "--as", hood.priya)
    assert refused.exit_code == 1 and hood.load("outbox", failed) is not None
    assert cli("outbox", "drop", failed, "--as", hood.mia, "--json").exit_code == 0
    assert hood.load("outbox", failed) is None
    assert hood.actions()[0] == (hood.mia, "drop-outbox", failed)
    assert cli("outbox", "drop", 999_999, "--as", hood.mia).exit_code == 1
