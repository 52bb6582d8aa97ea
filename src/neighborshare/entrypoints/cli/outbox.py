"""`neighborshare outbox`: what waits to be sent, by class; what failed and why; retrying or
dropping a failed message (audited)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from neighborshare.domain.records import OutboxMessage, QueueDepth
from neighborshare.domain.sending import SendClass
from neighborshare.entrypoints.cli import output
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)

QUEUE_COLUMNS = (
    ("class", "Class"),
    ("queued", "Queued"),
    ("due", "Due now"),
    ("oldest_age_s", "Oldest due waits (s)"),
)
FAILED_COLUMNS = (
    ("id", "#"),
    ("kind", "Kind"),
    ("recipient_id", "User #"),
    ("refusals", "Refusals"),
    ("failed_at", "Failed at"),
    ("last_error", "Telegram's reason"),
)
reason_option = click.option("--reason", default="", help="Why: kept in the audit log.")


@click.group(cls=OperatorGroup)
def outbox() -> None:
    """Messages waiting to go to Telegram, and those Telegram refused for good."""


@outbox.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True,
              help="How many failed messages to show.")
@json_option
def list_outbox(limit: int, as_json: bool) -> None:
    """Queued messages by send class (depth, oldest age), and failed ones with reasons."""
    admin = container().outbox_admin()
    now, depths = admin.queued()
    queued = [queue_row(depth, now) for depth in depths]
    failed = [failed_row(message) for message in admin.failed(limit)]
    if as_json:
        output.print_json({"queued": queued, "failed": failed})
        return
    output.render(
        output.table("Queued by class", queued, QUEUE_COLUMNS),
        output.table(f"Failed ({len(failed)})", failed, FAILED_COLUMNS),
    )


@outbox.command("retry")
@click.argument("message_id", type=int)
@reason_option
@acting_option
@json_option
def retry(message_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Send a failed message again with the next drain."""
    message = container().outbox_admin().retry(acting_moderator(acting), message_id, reason)
    output.done(as_json, failed_row(message), f"Message #{message_id} will be sent again.")


@outbox.command("drop")
@click.argument("message_id", type=int)
@reason_option
@acting_option
@json_option
def drop(message_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Delete a failed message for good."""
    message = container().outbox_admin().drop(acting_moderator(acting), message_id, reason)
    output.done(as_json, failed_row(message), f"Message #{message_id} dropped.")


def queue_row(depth: QueueDepth, now: datetime) -> dict[str, Any]:
    oldest = depth.oldest_due
    return {
        "class": SendClass(depth.send_class).name.lower(),
        "queued": depth.queued,
        "due": depth.due,
        "oldest_age_s": None if oldest is None else round((now - oldest).total_seconds(), 1),
    }


def failed_row(message: OutboxMessage) -> dict[str, Any]:
    return {
        "id": message.id,
        "kind": message.kind,
        "class": SendClass(message.priority).name.lower(),
        "recipient_id": message.recipient_id,
        "refusals": message.refusals,
        "failed_at": message.failed_at,
        "last_error": message.last_error,
    }
