"""Turning outbox rows into the messages neighbors receive."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.users import User
from neighborshare.ports.services import Button, OutgoingMessage
from neighborshare.presentation.formatting import esc, listing, plural, window

Template = Callable[[dict[str, object], ZoneInfo], tuple[str, tuple[tuple[Button, ...], ...]]]


def _dish(p: dict[str, object]) -> str:
    return f"<b>{esc(p.get('name', ''))}</b>"


def _window(p: dict[str, object], tz: ZoneInfo) -> str:
    return window(str(p["window_start"]), str(p["window_end"]), tz)


def _exchange_id(p: dict[str, object]) -> object:
    return p.get("exchange_id")


TEMPLATES: dict[str, Template] = {
    "new_post": lambda p, tz: (
        f"🍲 New nearby: {_dish(p)} from {esc(p['sharer_name'])} ({esc(p['distance'])})\n"
        f"{plural(int(str(p['portions_left'])), 'portion')} · pickup {_window(p, tz)}\n"
        f"Allergens: {esc(listing(p.get('allergens', []), 'none listed'))}",  # type: ignore[arg-type]
        ((Button("Request", f"post:req:{p['post_id']}"),),),
    ),
    "request_received": lambda p, tz: (
        f"🙋 {esc(p['requester_name'])} asked for {plural(int(str(p['portions'])), 'portion')} "
        f"of {_dish(p)}.",
        (
            (
                Button("✅ Accept", f"x:acc:{_exchange_id(p)}"),
                Button("❌ Decline", f"x:dec:{_exchange_id(p)}"),
            ),
        ),
    ),
    "request_accepted": lambda p, tz: (
        f"🎉 {esc(p['sharer_name'])} accepted your request for {_dish(p)}.\n"
        f"Pick up at apartment <b>{esc(p['apartment'])}</b>, {_window(p, tz)}.",
        (
            (
                Button("Picked up", f"x:done:{_exchange_id(p)}"),
                Button("Cancel", f"x:cnl:{_exchange_id(p)}"),
            ),
        ),
    ),
    "request_declined": lambda p, tz: (
        f"Sorry, your request for {_dish(p)} was declined. Your credits are back.",
        (),
    ),
    "request_expired": lambda p, tz: (
        f"Your request for {_dish(p)} wasn't answered in time. Your credits are back.",
        (),
    ),
    "cancelled_by_requester": lambda p, tz: (
        f"A neighbor cancelled their request for {_dish(p)}. The portions are free again.",
        (),
    ),
    "cancelled_by_sharer": lambda p, tz: (
        f"The exchange for {_dish(p)} was cancelled by the sharer. Your credits are back.",
        (),
    ),
    "cancelled_post_hidden": lambda p, tz: (
        f"{_dish(p)} was taken down while a moderator checks it, so your request was "
        "cancelled. Your credits are back.",
        (),
    ),
    "marked_no_show": lambda p, tz: (
        f"The sharer marked your pickup of {_dish(p)} as a no-show, so the credits were not "
        "returned. If that's wrong, use /report.",
        (),
    ),
    "rate_prompt": lambda p, tz: (
        f"✅ The exchange for {_dish(p)} is complete. How did it go?",
        ((Button("⭐ Rate", f"rate:{_exchange_id(p)}"),),),
    ),
    "pickup_reminder": lambda p, tz: (
        f"⏰ Reminder: pickup of {_dish(p)} is {_window(p, tz)}.",
        (),
    ),
    "pickup_check": lambda p, tz: (
        f"Did the pickup of {_dish(p)} happen?",
        (
            (Button("Picked up", f"x:done:{_exchange_id(p)}"),)
            + (
                (Button("No-show", f"x:ns:{_exchange_id(p)}"),) if p.get("role") == "sharer" else ()
            ),
        ),
    ),
    "post_expired": lambda p, tz: (f"Your post {_dish(p)} has expired. Thanks for sharing!", ()),
    "post_hidden": lambda p, tz: (
        f"Your post {_dish(p)} was hidden because of {esc(p['reason'])}. "
        "A moderator will review it.",
        (),
    ),
    "post_restored": lambda p, tz: (
        f"A moderator reviewed your post {_dish(p)} and it is "
        + ("visible again." if p.get("status") == "active" else "no longer hidden.")
        + " Thanks for your patience.",
        (),
    ),
    "role_changed": lambda p, tz: (
        "🛡 You are now a NeighborShare moderator. Thank you for looking after the community!"
        if p.get("role") == "moderator"
        else "You are no longer a NeighborShare moderator. Thank you for your help!",
        (),
    ),
    "report_received": lambda p, tz: (
        "Thanks for your report. A moderator will look at it soon.",
        (),
    ),
    "report_closed": lambda p, tz: (
        f"A moderator has reviewed your report #{p['report_id']}. Thank you for looking out "
        "for your neighbors.",
        (),
    ),
    "warned": lambda p, tz: (
        "⚠️ A moderator has sent you a warning about a recent exchange."
        + (f"\nNote: {esc(p['note'])}" if p.get("note") else ""),
        (),
    ),
    "account_suspended": lambda p, tz: (
        "Your account is paused"
        + (f" for {p['days']} days" if p.get("days") else "")
        + f" because of {esc(p['reason'])}, pending a moderator's review.",
        (),
    ),
    "account_restored": lambda p, tz: ("Your account is active again. Welcome back!", ()),
    "account_banned": lambda p, tz: ("Your account has been closed by the moderators.", ()),
    "credits_adjusted": lambda p, tz: (
        f"A moderator adjusted your credits by {int(str(p['amount'])):+d}: {esc(p['reason'])}",
        (),
    ),
}


class NotificationRenderer:
    def __init__(self, time_zone: str, extra: dict[str, Template] | None = None) -> None:
        self._tz = ZoneInfo(time_zone)
        self._templates = TEMPLATES | (extra or {})

    def __call__(self, message: OutboxMessage, recipient: User) -> OutgoingMessage | None:
        template = self._templates.get(message.kind)
        if template is None:
            return None
        text, buttons = template(message.payload, self._tz)
        return OutgoingMessage(recipient.telegram_id, text, buttons, _photo(message))


def _photo(message: OutboxMessage) -> str | None:
    """A new-post alert shows the dish's photo (re-sent by its Telegram file_id)."""
    photo = message.payload.get("photo_file_id") if message.kind == "new_post" else None
    return str(photo) if photo else None
