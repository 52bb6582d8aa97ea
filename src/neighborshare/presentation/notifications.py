"""Turning outbox rows into the messages neighbors receive, each in the recipient's language."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.users import User
from neighborshare.ports.services import Button, OutgoingMessage
from neighborshare.presentation.formatting import distance, esc, listing, plural, signed, window
from neighborshare.presentation.i18n import N_, SOURCE_LANGUAGE, _, choose, speaking
from neighborshare.presentation.labels import named
from neighborshare.presentation.settings import open_button

Template = Callable[[dict[str, object], ZoneInfo], tuple[str, tuple[tuple[Button, ...], ...]]]


def _dish(p: dict[str, object]) -> str:
    return f"<b>{esc(p.get('name', ''))}</b>"


def _window(p: dict[str, object], tz: ZoneInfo) -> str:
    return window(str(p["window_start"]), str(p["window_end"]), tz)


# why a post was hidden or an account paused, pending review: a code in the payload (older
# rows: English text); a moderator's own decision ("moderator") reads apart, nothing pending
REASONS = {
    "food_safety": N_("a food-safety concern"),
    "reports": N_("several reports"),
    "low_ratings": N_("several low ratings"),
}


def _reason(p: dict[str, object]) -> str:
    reason = str(p.get("reason", ""))
    return esc(REASONS.get(reason, reason))


def _exchange_id(p: dict[str, object]) -> object:
    return p.get("exchange_id")


def _allergens(p: dict[str, object]) -> str:
    values = p.get("allergens") or []
    return esc(listing(named(str(v) for v in values)))  # type: ignore[attr-defined]


def _new_post(p: dict[str, object], tz: ZoneInfo) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    text = _(
        "🍲 New nearby: {dish} from {sharer} ({distance})\n"
        "{portions} · pickup {window}\n"
        "Allergens: {allergens}"
    ).format(
        dish=_dish(p), sharer=esc(p["sharer_name"]), distance=esc(distance(p["distance"])),
        portions=plural(int(str(p["portions_left"])), "portion"), window=_window(p, tz),
        allergens=_allergens(p),
    )
    return text, ((Button(_("Request"), f"post:req:{p['post_id']}"), open_button()),)


def _post_restored(p: dict[str, object]) -> str:
    if p.get("status") == "active":
        return _(
            "A moderator reviewed your post {dish} and it is visible again. "
            "Thanks for your patience."
        ).format(dish=_dish(p))
    return _(
        "A moderator reviewed your post {dish} and it is no longer hidden. "
        "Thanks for your patience."
    ).format(dish=_dish(p))


def _post_hidden(p: dict[str, object]) -> str:
    if p.get("reason") == "moderator":  # a moderator's decision is no review to wait for
        return _("A moderator has hidden your post {dish}.").format(dish=_dish(p))
    return _("Your post {dish} was hidden because of {reason}. A moderator will review it.").format(
        dish=_dish(p), reason=_reason(p)
    )


def _warned(p: dict[str, object]) -> str:
    text = _("⚠️ A moderator has sent you a warning about a recent exchange.")
    if p.get("note"):
        text += "\n" + _("Note: {note}").format(note=esc(p["note"]))
    return text


def _suspended(p: dict[str, object]) -> str:
    if p.get("reason") == "moderator":  # decided already: no review is pending
        if p.get("days"):
            return _("A moderator has paused your account for {days}.").format(
                days=plural(int(str(p["days"])), "day"))
        return _("A moderator has paused your account until further notice.")
    if p.get("days"):
        return _(
            "Your account is paused for {days} because of {reason}, pending a moderator's review."
        ).format(days=plural(int(str(p["days"])), "day"), reason=_reason(p))
    return _("Your account is paused because of {reason}, pending a moderator's review.").format(
        reason=_reason(p)
    )


def _reminder(p: dict[str, object], tz: ZoneInfo) -> str:
    if p.get("apartment"):  # the accepted requester's reminder
        return _("⏰ Reminder: pickup of {dish} is {window}, at apartment <b>{apartment}</b>."
                 ).format(dish=_dish(p), window=_window(p, tz), apartment=esc(p["apartment"]))
    return _("⏰ Reminder: pickup of {dish} is {window}.").format(
        dish=_dish(p), window=_window(p, tz))


TEMPLATES: dict[str, Template] = {
    "new_post": _new_post,
    "request_received": lambda p, tz: (
        _("🙋 {requester} asked for {portions} of {dish}.").format(
            requester=esc(p["requester_name"]), dish=_dish(p),
            portions=plural(int(str(p["portions"])), "portion"),
        ),
        (
            (
                Button(_("✅ Accept"), f"x:acc:{_exchange_id(p)}"),
                Button(_("❌ Decline"), f"x:dec:{_exchange_id(p)}"),
            ),
        ),
    ),
    "request_accepted": lambda p, tz: (
        _(
            "🎉 {sharer} accepted your request for {dish}.\n"
            "Pick up at apartment <b>{apartment}</b>, {window}."
        ).format(
            sharer=esc(p["sharer_name"]), dish=_dish(p), apartment=esc(p["apartment"]),
            window=_window(p, tz),
        ),
        (
            (
                Button(_("Picked up"), f"x:done:{_exchange_id(p)}"),
                Button(_("Cancel"), f"x:cnl:{_exchange_id(p)}"),
            ),
        ),
    ),
    "request_declined": lambda p, tz: (
        _("Sorry, your request for {dish} was declined. Your credits are back.").format(
            dish=_dish(p)
        ),
        (),
    ),
    "request_expired": lambda p, tz: (
        _("Your request for {dish} wasn't answered in time. Your credits are back.").format(
            dish=_dish(p)
        ),
        (),
    ),
    "cancelled_by_requester": lambda p, tz: (
        _("A neighbor cancelled their request for {dish}. The portions are free again.").format(
            dish=_dish(p)
        ),
        (),
    ),
    "cancelled_by_sharer": lambda p, tz: (
        _("The exchange for {dish} was cancelled by the sharer. Your credits are back.").format(
            dish=_dish(p)
        ),
        (),
    ),
    "cancelled_post_hidden": lambda p, tz: (
        _(
            "{dish} was taken down while a moderator checks it, so your request was "
            "cancelled. Your credits are back."
        ).format(dish=_dish(p)),
        (),
    ),
    "marked_no_show": lambda p, tz: (
        _(
            "The sharer marked your pickup of {dish} as a no-show, so the credits were not "
            "returned. If that's wrong, use /report."
        ).format(dish=_dish(p)),
        (),
    ),
    "rate_prompt": lambda p, tz: (
        _("✅ The exchange for {dish} is complete. How did it go?").format(dish=_dish(p)),
        ((Button(_("⭐ Rate"), f"rate:{_exchange_id(p)}"),),),
    ),
    "pickup_reminder": lambda p, tz: (_reminder(p, tz), ()),
    "pickup_check": lambda p, tz: (
        _("Did the pickup of {dish} happen?").format(dish=_dish(p)),
        (
            (Button(_("Picked up"), f"x:done:{_exchange_id(p)}"),)
            + (
                (Button(_("No-show"), f"x:ns:{_exchange_id(p)}"),)
                if p.get("role") == "sharer"
                else ()
            ),
        ),
    ),
    "post_expired": lambda p, tz: (
        _("Your post {dish} has expired. Thanks for sharing!").format(dish=_dish(p)),
        (),
    ),
    "post_hidden": lambda p, tz: (_post_hidden(p), ()),
    "post_restored": lambda p, tz: (_post_restored(p), ()),
    "role_changed": lambda p, tz: (
        _("🛡 You are now a NeighborShare moderator. Thank you for looking after the community!")
        if p.get("role") == "moderator"
        else _("You are no longer a NeighborShare moderator. Thank you for your help!"),
        (),
    ),
    "report_closed": lambda p, tz: (
        _(
            "A moderator has reviewed your report #{report}. Thank you for looking out "
            "for your neighbors."
        ).format(report=p["report_id"]),
        (),
    ),
    "warned": lambda p, tz: (_warned(p), ()),
    "account_suspended": lambda p, tz: (_suspended(p), ()),
    "account_restored": lambda p, tz: (_("Your account is active again. Welcome back!"), ()),
    "account_banned": lambda p, tz: (_("Your account has been closed by the moderators."), ()),
    "credits_adjusted": lambda p, tz: (
        _("A moderator adjusted your credits by {amount}: {reason}").format(
            amount=signed(int(str(p["amount"]))), reason=esc(p["reason"])
        ),
        (),
    ),
}


BUTTONS_WITHDRAWN = "buttons_withdrawn"  # services.notifications.BUTTONS_WITHDRAWN
# why a message's buttons were taken back (services.exchanges.withdraw_buttons' ``why``)
ANSWERED = {
    "cancelled": N_("The neighbor cancelled this request: nothing to answer."),
    "completed": N_("The neighbor confirmed the pickup: nothing to answer."),
    "confirmed_by_sharer": N_("The sharer confirmed the pickup: nothing to answer."),
    "cancelled_by_sharer": N_("The sharer cancelled this exchange: nothing to answer."),
    "no_show": N_("The sharer marked this pickup as a no-show: nothing to answer."),
    "auto_completed": N_(
        "Nobody reported a problem in time, so the exchange completed by itself: "
        "nothing to answer."
    ),
    "cancelled_post_withdrawn": N_("The dish was withdrawn: nothing to answer."),
    "cancelled_post_hidden": N_("A moderator took the dish down: nothing to answer."),
    "sharer_away": N_("Your sharing is paused, so this request was declined: nothing to answer."),
}


def _withdrawn(p: dict[str, object], tz: ZoneInfo) -> tuple[str, tuple[tuple[Button, ...], ...]]:
    """The answered message again, with why it needs no answer and no buttons (rows queued
    before ``why`` existed name only the exchange's status)."""
    text, _buttons = TEMPLATES[str(p["answered"])](p, tz)
    why = ANSWERED.get(str(p.get("why", p.get("status"))))
    return (text + "\n" + str(why) if why else text), ()


TEMPLATES[BUTTONS_WITHDRAWN] = _withdrawn


def recipient_language(recipient: User, default: str = SOURCE_LANGUAGE) -> str:
    """The neighbor's choice, else the Telegram language their last update came in, else
    the community's default."""
    return choose(
        recipient.language,
        recipient.telegram_language,
        default,
    )


class NotificationRenderer:
    def __init__(
        self, time_zone: str, extra: dict[str, Template] | None = None,
        default_language: str = SOURCE_LANGUAGE,
    ) -> None:
        self._tz = ZoneInfo(time_zone)
        self._templates = TEMPLATES | (extra or {})
        self._default_language = default_language

    def __call__(self, message: OutboxMessage, recipient: User) -> OutgoingMessage | None:
        template = self._templates.get(message.kind)
        if template is None:
            return None
        with speaking(recipient_language(recipient, self._default_language)):
            text, buttons = template(message.payload, self._tz)
        edited = message.payload.get("message_id") if message.kind == BUTTONS_WITHDRAWN else None
        return OutgoingMessage(recipient.telegram_id, text, buttons, _photo(message),
                               edit_message_id=int(str(edited)) if edited else None)


def _photo(message: OutboxMessage) -> str | None:
    """A new-post alert shows the dish's photo (re-sent by its Telegram file_id)."""
    photo = message.payload.get("photo_file_id") if message.kind == "new_post" else None
    return str(photo) if photo else None
