"""How posts, exchanges and balances read in the bot (user text always escaped)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.posts import FoodPost
from neighborshare.presentation.formatting import esc, listing, plural, window
from neighborshare.services.credits import Statement
from neighborshare.services.exchanges import ExchangeView
from neighborshare.services.food import PostCard

STATUS_LABELS = {
    ExchangeStatus.PENDING: "⏳ waiting for an answer",
    ExchangeStatus.ACCEPTED: "✅ accepted",
    ExchangeStatus.DECLINED: "declined",
    ExchangeStatus.CANCELLED: "cancelled",
    ExchangeStatus.EXPIRED: "expired",
    ExchangeStatus.COMPLETED: "🎉 picked up",
    ExchangeStatus.NO_SHOW: "no-show",
}


def dish_lines(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    tags = f" · {esc(listing(t.value for t in post.diet_tags))}" if post.diet_tags else ""
    return (
        f"<b>{esc(post.name)}</b>{tags}\n"
        f"{plural(post.portions_left, 'portion')} left · pickup "
        f"{window(post.window.start, post.window.end, tz, now)}\n"
        f"Allergens: {esc(listing([a.value for a in post.allergens], 'none listed'))}"
    )


def post_card(card: PostCard, tz: ZoneInfo, now: datetime) -> str:
    return (
        f"{dish_lines(card.post, tz, now)}\n"
        f"{esc(card.distance)} · shared by {esc(card.sharer_name)} ({esc(card.sharer_rating)})"
        f" · dish #{card.post.id}"
    )


def my_post_line(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    return (
        f"• <b>{esc(post.name)}</b> – {post.status.value}, "
        f"{post.portions_left}/{post.portions} left, "
        f"{window(post.window.start, post.window.end, tz, now)}"
    )


def exchange_text(view: ExchangeView, viewer_id: int, tz: ZoneInfo, now: datetime) -> str:
    exchange, post = view.exchange, view.post
    portions = plural(exchange.portions, "portion")
    if exchange.requester_id == viewer_id:
        head = f"You asked {esc(view.other_name)} for {portions} of <b>{esc(post.name)}</b>"
    else:
        head = f"{esc(view.other_name)} asked you for {portions} of <b>{esc(post.name)}</b>"
    lines = [head, f"{STATUS_LABELS[exchange.status]} · pickup "
             f"{window(post.window.start, post.window.end, tz, now)}"]
    if view.apartment:
        lines.append(f"Apartment: <b>{esc(view.apartment)}</b>")
    return "\n".join(lines)


def statement(stmt: Statement, tz: ZoneInfo, now: datetime) -> str:
    lines = [f"💰 Your balance: <b>{plural(stmt.balance, 'credit')}</b>"]
    if stmt.recent:
        lines.append("\nRecent:")
        lines.extend(_movement(tx, tz) for tx in stmt.recent)
    lines.append("\nShare a dish to earn credits; each portion you receive costs one.")
    return "\n".join(lines)


def _movement(tx: CreditTransaction, tz: ZoneInfo) -> str:
    local = tx.created_at.astimezone(tz)
    return f"{tx.amount:+d}  {esc(tx.description)} · {local:%d %b %H:%M}"
