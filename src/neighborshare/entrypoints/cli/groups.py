"""`neighborshare groups`: the community groups linked to a place, and unlinking one
(audited)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import click

from neighborshare.domain.groups import CommunityGroup
from neighborshare.entrypoints.cli import output
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)

COLUMNS = (
    ("chat_id", "Chat"),
    ("title", "Group"),
    ("radius_m", "Radius m"),
    ("language", "Language"),
    ("announced_today", "Today"),
    ("linked_at", "Linked"),
)


@click.group(cls=OperatorGroup)
def groups() -> None:
    """Telegram groups their admins linked to a place (/linkgroup), where new dishes nearby
    are announced; unlink one as the moderator given by --as."""


@groups.command("list")
@json_option
def list_groups(as_json: bool) -> None:
    """Every linked group, oldest link first."""
    c = container()
    rows = [group_row(g, _today(c)) for g in c.community().linked()]
    if as_json:
        output.print_json(rows)
    elif not rows:
        output.say("No group is linked.")
    else:
        output.render(output.table(f"Linked groups ({len(rows)})", rows, COLUMNS))


# Telegram's group ids are negative: "-100123" is the argument, not an unknown option
@groups.command("unlink", context_settings={"ignore_unknown_options": True})
@click.argument("chat_id", type=int)
@click.option("--reason", required=True, help="Why: kept in the audit log.")
@acting_option
@json_option
def unlink(chat_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Stop announcing dishes in a group; the bot stays in it, its admins may link it again."""
    c = container()
    group = c.community().unlink_by_moderator(acting_moderator(acting), chat_id, reason)
    output.done(as_json, group_row(group, _today(c)),
                f"Group {chat_id} ({group.title}) unlinked.")


def _today(c: Any) -> date:
    """The community's local day, which a group's daily count is kept by."""
    now: datetime = c.clock().now()
    return now.astimezone(ZoneInfo(c.rules().time_zone)).date()


def group_row(group: CommunityGroup, today: date) -> dict[str, Any]:
    """What an operator reads of a group: never the exact place an admin pinned."""
    return {"chat_id": group.chat_id, "title": group.title, "radius_m": group.radius_m,
            "language": group.language, "announced_today": group.announced_today(today),
            "linked_at": group.linked_at.isoformat()}
