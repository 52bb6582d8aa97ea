"""`neighborshare posts`: looking food posts up, hiding and unhiding them (audited)."""

from __future__ import annotations

import click

from neighborshare.domain.posts import PostStatus
from neighborshare.entrypoints.cli import history, output, views
from neighborshare.entrypoints.cli.common import (
    OperatorGroup,
    acting_moderator,
    acting_option,
    container,
    json_option,
)

LIST_COLUMNS = (
    ("id", "#"),
    ("name", "Dish"),
    ("sharer_name", "Sharer"),
    ("sharer_id", "User #"),
    ("status", "Status"),
    ("portions_left", "Left"),
    ("portions", "Portions"),
    ("window_end", "Pickup until"),
)
reason_option = click.option("--reason", required=True, help="Why: kept in the audit log.")


@click.group(cls=OperatorGroup)
def posts() -> None:
    """Look up food posts; hide or unhide them as the moderator given by --as."""


@posts.command("list")
@click.option("--status", type=click.Choice([s.value for s in PostStatus]))
@click.option("--limit", type=click.IntRange(1, 500), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@json_option
def list_posts(status: str | None, limit: int, offset: int, as_json: bool) -> None:
    """Posts, newest first."""
    chosen = PostStatus(status) if status else None
    records = container().casework().posts(chosen, limit, offset)
    rows = [views.post_row(r.post) | {"sharer_name": r.sharer_name} for r in records]
    if as_json:
        output.print_json(rows)
    elif not rows:
        output.say("No posts match.")
    else:
        output.render(output.table(f"Posts ({len(rows)})", rows, LIST_COLUMNS))


@posts.command("show")
@click.argument("post_id", type=int)
@json_option
def show(post_id: int, as_json: bool) -> None:
    """A post and the exchanges it led to."""
    record = container().casework().post(post_id)
    row = views.post_row(record.post) | {"sharer_name": record.sharer_name}
    exchanges = [views.exchange_row(e) for e in record.exchanges]
    if as_json:
        output.print_json(row | {"exchanges": exchanges})
        return
    output.render(
        output.fields(f"Post #{post_id}", row),
        output.table("Exchanges", exchanges, history.EXCHANGE_COLUMNS),
    )


@posts.command("hide")
@click.argument("post_id", type=int)
@reason_option
@acting_option
@json_option
def hide(post_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Hide a post from browsing; the sharer is told."""
    post = container().moderation().set_post_hidden(acting_moderator(acting), post_id, True, reason)
    output.done(as_json, views.post_row(post), f"Post #{post_id} hidden.")


@posts.command("unhide")
@click.argument("post_id", type=int)
@reason_option
@acting_option
@json_option
def unhide(post_id: int, reason: str, acting: int | None, as_json: bool) -> None:
    """Show a hidden post again.

    It becomes active, or expired if its pickup window has passed; the sharer is told.
    """
    moderation = container().moderation()
    post = moderation.set_post_hidden(acting_moderator(acting), post_id, False, reason)
    output.done(as_json, views.post_row(post), f"Post #{post_id} is {post.status.value} again.")
