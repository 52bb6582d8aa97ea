"""How posts, exchanges and balances read in the bot (user text always escaped)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.exchanges import ExchangeStatus
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.records import GROUP_ANNOUNCEMENT, OutboxMessage
from neighborshare.domain.users import User
from neighborshare.ports.services import Button, OutgoingMessage
from neighborshare.presentation.formatting import (
    day_and_time,
    distance,
    esc,
    listing,
    plural,
    rating,
    signed,
    who,
    window,
)
from neighborshare.presentation.i18n import N_, _, choose, speaking
from neighborshare.presentation.labels import CREDIT_KINDS, POST_STATUSES, named
from neighborshare.services.credits import Statement
from neighborshare.services.exchanges import ExchangeView
from neighborshare.services.food import PostCard

STATUS_LABELS = {
    ExchangeStatus.PENDING: N_("⏳ waiting for an answer"),
    ExchangeStatus.ACCEPTED: N_("✅ accepted"),
    ExchangeStatus.DECLINED: N_("declined"),
    ExchangeStatus.CANCELLED: N_("cancelled"),
    ExchangeStatus.EXPIRED: N_("expired"),
    ExchangeStatus.COMPLETED: N_("🎉 picked up"),
    ExchangeStatus.NO_SHOW: N_("no-show"),
}


def dish_lines(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    tags = f" · {esc(listing(named(t.value for t in post.diet_tags)))}" if post.diet_tags else ""
    return _(
        "<b>{name}</b>{tags}\n"
        "{portions} left · pickup {window}\n"
        "Allergens: {allergens}"
    ).format(
        name=esc(post.name), tags=tags, portions=plural(post.portions_left, "portion"),
        window=window(post.window.start, post.window.end, tz, now),
        allergens=esc(listing(named(a.value for a in post.allergens))),
    )


def chat_card(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    """A dish as a chat's readers see it (inline mode): nothing of the sharer but the dish."""
    return dish_lines(post, tz, now)


REQUEST_LABEL = N_("🙋 Request")


def live_card(post: FoodPost | None, tz: ZoneInfo, now: datetime
              ) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """A chat card as the dish is now: open, with its Request deep link; all taken; or no
    longer offered (expired, withdrawn, hidden by a moderator: then not even its name)."""
    if post is None or post.id is None or post.status is PostStatus.HIDDEN:
        return _("This dish is no longer offered."), ()
    if post.is_available(now):
        return chat_card(post, tz, now), ((Button(str(REQUEST_LABEL), "", f"post_{post.id}"),),)
    name = f"<b>{esc(post.name)}</b>"
    if post.status is PostStatus.ACTIVE and now < post.window.end:
        return _("{dish}\nAll taken, thank you! 🎉").format(dish=name), ()
    return _("{dish}\nNo longer offered.").format(dish=name), ()


class ChatCardRenderer:
    """What goes to a chat, in the chat's language: a card's edit (``card_edit``: the dish as
    it is now), or a community group's announcement of a new dish (while it is open)."""

    def __init__(self, time_zone: str, default_language: str) -> None:
        self._tz = ZoneInfo(time_zone)
        self._default_language = default_language

    def __call__(self, message: OutboxMessage, post: FoodPost | None, now: datetime
                 ) -> OutgoingMessage | None:
        language = message.payload.get("language")
        with speaking(choose(str(language) if language else None, self._default_language)):
            if message.kind == GROUP_ANNOUNCEMENT:
                return self._announcement(message, post, now)
            return self._edit(message, post, now)

    def _edit(self, message: OutboxMessage, post: FoodPost | None, now: datetime
              ) -> OutgoingMessage | None:
        """An inline card by its id; a group's card by chat and message id, its heading kept
        while the dish is shown."""
        p = message.payload
        text, buttons = live_card(post, self._tz, now)
        photo = post.photo_file_id if post is not None else None
        if p.get("message_id") is not None:
            shown = post is not None and post.status is not PostStatus.HIDDEN
            if shown and p.get("distance") is not None:
                text = _headed(p["distance"], text)
            hidden = post is not None and post.status is PostStatus.HIDDEN
            return OutgoingMessage(int(str(p["chat_id"])), text, buttons, photo,
                                   edit_message_id=int(str(p["message_id"])), delete=hidden)
        if not p.get("inline_message_id"):
            return None
        card = str(p["inline_message_id"])
        return OutgoingMessage(0, text, buttons, photo, inline_message_id=card)

    def _announcement(self, message: OutboxMessage, post: FoodPost | None, now: datetime
                      ) -> OutgoingMessage | None:
        if post is None or not post.is_available(now):
            return None  # gone before its turn came: nothing to announce
        text, buttons = live_card(post, self._tz, now)
        return OutgoingMessage(int(str(message.payload["chat_id"])),
                               _headed(message.payload.get("distance"), text), buttons,
                               post.photo_file_id)


def _headed(metres: object, card: str) -> str:
    """A community group's card: how far the dish is from the group's place, then the card."""
    return _("🍲 New nearby ({distance} from this group's place)\n{card}").format(
        distance=distance(metres), card=card)


def chat_card_summary(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    """The line under an inline result's title: portions left and the window (plain text)."""
    return _("{portions} left · pickup {window}").format(
        portions=plural(post.portions_left, "portion"),
        window=window(post.window.start, post.window.end, tz, now))


def post_card(card: PostCard, tz: ZoneInfo, now: datetime, viewer: User | None = None) -> str:
    """A dish in /browse; marked when it doesn't fit ``viewer`` ("Show all dishes")."""
    # the rating keeps its own brackets ("3.8★ (3)"): set apart by dots, not nested in more
    text = _("{dish}\n{distance} · shared by {sharer} · {rating} · dish #{id}").format(
        dish=dish_lines(card.post, tz, now), distance=distance(card.distance),
        sharer=esc(card.sharer_name), rating=rating(card.sharer_rating), id=card.post.id,
    )
    if viewer is not None and not_for(viewer, card.post):
        text += "\n" + _("⚠️ Doesn't fit your diet or allergies.")
    return text


def not_for(viewer: User, post: FoodPost) -> bool:
    """Whether ``post`` conflicts with ``viewer``'s diet, allergies or avoided words."""
    return viewer.conflicts_with(post.allergens, post.diet_tags, post.searchable_text())


def request_sent(view: ExchangeView, portions: int, balance: int) -> str:
    """The requester's chat message once portions are asked for (a card's button or the map)."""
    return _(
        "🙋 You asked {other} for {portions} of <b>{dish}</b>.\n{credits} held until "
        "pickup (balance now {balance}). I'll tell you when {other} answers."
    ).format(
        other=esc(who(view.other_name)), portions=plural(portions, "portion"),
        dish=esc(view.post.name), credits=plural(portions, "credit"), balance=balance,
    )


def my_post_line(post: FoodPost, tz: ZoneInfo, now: datetime) -> str:
    return _("• <b>{name}</b> – {status}, {left}/{portions} left, {window}").format(
        name=esc(post.name), status=POST_STATUSES.get(post.status, post.status.value),
        left=post.portions_left, portions=post.portions,
        window=window(post.window.start, post.window.end, tz, now),
    )


def exchange_text(view: ExchangeView, viewer_id: int, tz: ZoneInfo, now: datetime) -> str:
    exchange, post = view.exchange, view.post
    values = {"other": esc(who(view.other_name)), "portions": plural(exchange.portions, "portion"),
              "dish": esc(post.name)}
    if exchange.requester_id == viewer_id:
        head = _("You asked {other} for {portions} of <b>{dish}</b>").format(**values)
    else:
        head = _("{other} asked you for {portions} of <b>{dish}</b>").format(**values)
    lines = [head, _("{status} · pickup {window}").format(
        status=STATUS_LABELS[exchange.status],
        window=window(post.window.start, post.window.end, tz, now))]
    if view.apartment:
        lines.append(_("Apartment: <b>{apartment}</b>").format(apartment=esc(view.apartment)))
    return "\n".join(lines)


def statement(stmt: Statement, tz: ZoneInfo, now: datetime) -> str:
    lines = [_("💰 Your balance: <b>{balance}</b>").format(balance=plural(stmt.balance, "credit"))]
    if stmt.recent:
        lines.append("\n" + _("Recent:"))
        lines.extend(_movement(tx, tz) for tx in stmt.recent)
    lines.append("\n" + _("Share a dish to earn credits; each portion you receive costs one."))
    return "\n".join(lines)


def _movement(tx: CreditTransaction, tz: ZoneInfo) -> str:
    local = tx.created_at.astimezone(tz)
    what = CREDIT_KINDS.get(tx.kind, tx.description)
    return f"{signed(tx.amount)}  {esc(what)} · {day_and_time(local)}"
