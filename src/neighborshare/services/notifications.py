"""Who is told what: new-post targeting, and draining the outbox through the Notifier.

A new post's alerts are not queued by the Publish that made it: its transaction queues one
fan-out row (``announce_new_post``), and the drain that claims that row targets the neighbors
and queues their alerts, in the transaction that marks the row done. So a Publish costs the
same whether 2 or 2,000 neighbors live in range, and the alerts are still never lost (the row
is committed with the post) nor queued twice (the row is done in the alerts' transaction)."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.preferences import widest_alert_radius_m
from neighborshare.domain.records import (
    CARD_EDIT,
    GROUP_ANNOUNCEMENT,
    ChatCard,
    OutboxMessage,
    alert_key_prefix,
)
from neighborshare.domain.rules import Rules
from neighborshare.domain.sending import REPLY_KIND, SendClass
from neighborshare.domain.targeting import new_post_alert_allowed
from neighborshare.domain.users import User
from neighborshare.domain.values import rounded_distance
from neighborshare.ports.queries import AlertQuery
from neighborshare.ports.services import (
    Clock,
    Delivery,
    Notifier,
    OutgoingMessage,
    SendPostponed,
    SendRefused,
)
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.community import announce_in_groups
from neighborshare.services.replies import replayed
from neighborshare.services.transactions import in_transaction, notify

log = logging.getLogger(__name__)

NEW_POST = "new_post"
NEW_POST_FAN_OUT = "new_post_fan_out"  # a post to announce: the drain turns it into alerts
# A drain takes at most this many alerts and digests at a time (every reply and exchange row
# due): a worker sending them is never more than about a second from claiming anew, so a
# message of a higher class queued meanwhile waits no longer than that for a worker.
LOWER_CLASS_BATCH = 10
Renderer = Callable[[OutboxMessage, User], OutgoingMessage | None]
# what goes to a chat rather than a neighbor: a card's edit (services.cards) or a community
# group's announcement (services.community), drawn from the dish as it is when sent
CHAT_KINDS = frozenset({CARD_EDIT, GROUP_ANNOUNCEMENT})
CardRenderer = Callable[[OutboxMessage, FoodPost | None, datetime], OutgoingMessage | None]
# the messages with buttons for one exchange: their message ids are kept so that the buttons
# can be taken back once the other side acted or the exchange ended (BUTTONS_WITHDRAWN edits
# them; services.exchanges.withdraw_buttons)
ANSWERABLE = frozenset({"request_received", "request_accepted", "pickup_check"})
BUTTONS_WITHDRAWN = "buttons_withdrawn"


def card_key(payload: dict[str, Any]) -> str:
    """The card a ``card_edit`` row edits: its inline_message_id, or "chat_id:message_id"."""
    if payload.get("message_id") is not None:
        return f"{payload['chat_id']}:{payload['message_id']}"
    return str(payload.get("inline_message_id", ""))


def local_midnight(now: datetime, tz: ZoneInfo) -> datetime:
    local = now.astimezone(tz)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def post_summary(post: FoodPost) -> dict[str, object]:
    """The facts about a post that notifications quote."""
    return {
        "post_id": post.id,
        "name": post.name,
        "portions_left": post.portions_left,
        "allergens": sorted(a.value for a in post.allergens),
        "diet_tags": sorted(t.value for t in post.diet_tags),
        "window_start": post.window.start.isoformat(),
        "window_end": post.window.end.isoformat(),
    }


def announce_new_post(uow: UnitOfWork, post: FoodPost, now: datetime) -> None:
    """Queue ``post``'s alerts for the next drain, in the caller's transaction. The row is
    addressed to the sharer, whose post it is; the alerts go to the neighbors."""
    notify(uow, post.sharer_id, NEW_POST_FAN_OUT, {"post_id": post.id}, now,
           f"post:{post.id}:fan-out")


def target_new_post(
    uow: UnitOfWork, post: FoodPost, sharer: User, rules: Rules, now: datetime
) -> int:
    """Alert neighbors whose own radius covers ``post``; returns how many were queued.

    One query for the neighbors who may be told (with today's alert counts) and one batch
    insert for all alerts, however many neighbors. Each neighbor's own quiet hours are the
    domain's to check (those asleep see the post in the morning digest).
    """
    tz = ZoneInfo(rules.time_zone)
    local_now = now.astimezone(tz)
    # the query leaves out whom no rule would let through (opted out, farther than their
    # radius, over today's cap, ...) so that a busy neighborhood's posts don't load every
    # neighbor; the domain decides
    candidates = uow.users.alert_candidates(AlertQuery(
        post.location, widest_alert_radius_m(rules), NEW_POST, local_midnight(now, tz),
        below=rules.max_new_post_alerts_per_day, exclude_id=post.sharer_id,
        default_radius_m=rules.notify_radius_m,
    ))
    about = post_summary(post) | {"sharer_name": sharer.first_name,
                                  "photo_file_id": post.photo_file_id}
    alerts = [
        _alert(user, post, about, now)
        for user, alerts_today in candidates
        if new_post_alert_allowed(user, post, local_now, alerts_today, rules)
    ]
    return uow.outbox.add_many(alerts)


def _alert(user: User, post: FoodPost, about: dict[str, object], now: datetime) -> OutboxMessage:
    """``about`` is what every alert of this post says; each adds the neighbor's distance."""
    payload = about | {"distance": rounded_distance(user.location.distance_m(post.location))}
    return OutboxMessage(
        recipient_id=user.id or 0,
        kind=NEW_POST,
        payload=payload,
        dedupe_key=f"{alert_key_prefix(post.id or 0)}{user.id}",
        created_at=now,
        available_at=now,
    )


@dataclass(frozen=True, slots=True)
class DrainResult:
    sent: int
    blocked: int
    skipped: int
    fanned_out: int = 0  # new posts whose alerts were queued
    postponed: int = 0  # not sent for a passing reason (429, network): due again soon
    refused: int = 0  # refused for good by Telegram: tried again later, or failed
    failed: int = 0  # of those, refused too often: set aside for an operator

    @property
    def handled(self) -> int:
        """Rows done by this drain: none means the outbox holds nothing due."""
        return (self.sent + self.blocked + self.skipped + self.fanned_out + self.postponed
                + self.refused)

    def __add__(self, other: DrainResult) -> DrainResult:
        return DrainResult(*(a + b for a, b in zip(_counts(self), _counts(other), strict=True)))


def _counts(result: DrainResult) -> tuple[int, ...]:
    return (result.sent, result.blocked, result.skipped, result.fanned_out, result.postponed,
            result.refused, result.failed)


@dataclass(frozen=True, slots=True)
class _Claimed:
    message: OutboxMessage
    outgoing: OutgoingMessage | None
    sent_ids: list[int] = field(default_factory=list)  # a group's card, once it is sent


def _alerts_a_dish_gone(uow: UnitOfWork, message: OutboxMessage, now: datetime) -> bool:
    """A new-dish alert queued before its dish was withdrawn, hidden, taken or over."""
    if message.kind != NEW_POST:
        return False
    post = uow.posts.get(int(str(message.payload["post_id"])))
    return post is None or not post.is_available(now)


class NotificationService:
    """Sends what the outbox holds; each row is claimed under a lease so none is sent twice."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        notifier: Notifier,
        render: Renderer,
        rules: Rules,
        lease: timedelta = timedelta(minutes=5),
        render_card: CardRenderer | None = None,
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._notifier = notifier
        self._render = render
        self._rules = rules
        self._lease = lease
        self._render_card = render_card

    def drain(self, batch: int = 100) -> DrainResult:
        """Send one batch of what is due; each message succeeds or fails alone."""
        fanned_out, claimed = in_transaction(self._uow, lambda uow: self._claim(uow, batch))
        outcomes = Counter(self._send(item) for item in claimed)
        return DrainResult(
            outcomes["sent"], outcomes["blocked"] + outcomes["gone"], outcomes["skipped"],
            fanned_out, outcomes["postponed"], outcomes["refused"] + outcomes["failed"],
            outcomes["failed"],
        )

    def drain_all(self, batch: int = 100, max_batches: int = 1000) -> DrainResult:
        totals = DrainResult(0, 0, 0)
        for _ in range(max_batches):
            result = self.drain(batch)
            totals += result
            if not result.handled:
                break
        return totals

    def _claim(self, uow: UnitOfWork, batch: int) -> tuple[int, list[_Claimed]]:
        """Claim what is due: fan-outs are done here and now, messages under a lease."""
        now = self._clock.now()
        fanned_out = lower = 0
        claimed = []
        cards: set[str] = set()  # edited in this batch: one edit shows the dish as it is
        for message in uow.outbox.claim_due(now, batch):
            if message.priority > SendClass.EXCHANGE:
                lower += 1
                if lower > LOWER_CLASS_BATCH:
                    break  # left unclaimed: another drain takes them
            if message.kind == NEW_POST_FAN_OUT:
                self._fan_out(uow, message, now)
                fanned_out += 1
                continue
            message.available_at = now + self._lease
            message.attempts += 1
            uow.outbox.save(message)
            if message.kind in CHAT_KINDS:
                sent_ids: list[int] = []
                outgoing = self._to_chat(uow, message, now, cards)
                if outgoing is not None and message.kind == GROUP_ANNOUNCEMENT:
                    outgoing = replace(outgoing, on_sent=sent_ids.append)  # kept true later
                claimed.append(_Claimed(message, outgoing, sent_ids))
                continue
            recipient = uow.users.get(message.recipient_id)
            usable = recipient is not None and recipient.reachable
            usable = usable and not _alerts_a_dish_gone(uow, message, now)
            outgoing = None
            if usable and recipient:
                is_reply = message.kind == REPLY_KIND
                outgoing = replayed(message) if is_reply else self._render(message, recipient)
            sent_ids = []
            if outgoing is not None and message.kind in ANSWERABLE:
                outgoing = replace(outgoing, on_sent=sent_ids.append)
            claimed.append(_Claimed(message, outgoing, sent_ids))
        return fanned_out, claimed

    def _to_chat(
        self, uow: UnitOfWork, message: OutboxMessage, now: datetime, cards: set[str]
    ) -> OutgoingMessage | None:
        """A card's edit, unless this batch edits that card already, or an announcement, unless
        the group was unlinked since. What a chat shows follows the dish, whether or not its
        sharer can be reached; only a sharer who may not share (suspended, banned) takes it
        off."""
        if self._render_card is None:
            return None
        post = uow.posts.get(int(message.payload["post_id"]))
        sharer = uow.users.get(post.sharer_id) if post is not None else None
        if sharer is not None and not sharer.is_active(now):
            post = None  # a suspended or banned sharer's dish: not offered while they are away
        group_id = message.payload.get("chat_id")
        group = uow.groups.get(int(str(group_id))) if group_id is not None else None
        if message.kind == CARD_EDIT:
            card = card_key(message.payload)
            if card in cards:
                return None
            cards.add(card)
            if group is not None and post is not None:  # a group's card keeps its heading
                distance = rounded_distance(group.location.distance_m(post.location))
                message = replace(message, payload=message.payload | {"distance": distance})
        elif group is None:
            return None  # unlinked since
        return self._render_card(message, post, now)

    def _send(self, item: _Claimed) -> str:
        """Send one claimed message; returns its outcome. A refusal or an error sets this
        message aside (tried again later, or failed) and the rest of the batch goes on."""
        message = item.message
        if item.outgoing is None:
            self._finish(message, None)
            return "skipped"
        try:
            outgoing = replace(item.outgoing, send_class=SendClass(message.priority))
            delivery = self._notifier.send(outgoing)
        except SendRefused as refusal:
            log.warning("outbox message %s (%s) refused: %s", message.id, message.kind,
                        refusal.reason)
            self._save(message, partial(message.refused, refusal.reason))
            return "failed" if message.failed_at else "refused"
        except SendPostponed as delay:
            self._save(message, partial(message.deferred, delay.reason, seconds=delay.retry_in))
            return "postponed"
        except Exception as error:  # unforeseen: this message waits, the others still go
            log.exception("outbox message %s (%s) could not be sent", message.id, message.kind)
            self._save(message, partial(message.deferred, type(error).__name__))
            return "postponed"
        self._finish(message, delivery, item.sent_ids)
        return str(delivery.value)

    def _save(self, message: OutboxMessage, change: Callable[..., None]) -> None:
        """Apply ``change(now=...)`` to ``message`` and save it."""

        def work(uow: UnitOfWork) -> None:
            change(now=self._clock.now())
            uow.outbox.save(message)

        in_transaction(self._uow, work)

    def _fan_out(self, uow: UnitOfWork, message: OutboxMessage, now: datetime) -> None:
        """Queue the alerts of the post ``message`` announces, unless it is gone by now
        (withdrawn, hidden, taken or past its window); either way the row is done."""
        message.sent_at = now
        uow.outbox.save(message)
        post = uow.posts.get(int(message.payload["post_id"]))
        if post is None or not post.is_available(now):
            return
        sharer = uow.users.get(post.sharer_id)
        if sharer is not None and sharer.is_active(now):  # suspended since: no alerts
            target_new_post(uow, post, sharer, self._rules, now)
            announce_in_groups(uow, post, self._rules, now)

    def _finish(
        self, message: OutboxMessage, delivery: Delivery | None, sent_ids: Sequence[int] = ()
    ) -> None:
        """Done: sent, or nothing to send (``delivery`` None). A neighbor who blocked the bot
        is not written to again; a card deleted from its chat is forgotten; a group's new
        card is remembered, to keep it true."""

        def work(uow: UnitOfWork) -> None:
            now = self._clock.now()
            message.sent_at = now
            if message.kind in ANSWERABLE and sent_ids:
                message.payload["message_id"] = sent_ids[0]
            uow.outbox.save(message)
            p = message.payload
            if delivery is Delivery.SENT and message.kind == GROUP_ANNOUNCEMENT and sent_ids:
                uow.cards.remember(ChatCard.in_group(int(p["chat_id"]), sent_ids[0],
                                                     int(p["post_id"]), str(p["language"])), now)
            if delivery is Delivery.GONE or (delivery is Delivery.BLOCKED
                                              and message.kind == CARD_EDIT):
                uow.cards.forget(card_key(p))  # deleted, or in a chat the bot left
                log.info("a card of post %s was deleted from its chat; forgotten",
                         message.payload.get("post_id"))
            if delivery is Delivery.BLOCKED and message.kind == GROUP_ANNOUNCEMENT:
                uow.groups.remove(int(message.payload["chat_id"]))  # the bot was removed
                log.info("a community group can no longer be written to; unlinked")
            elif delivery is Delivery.BLOCKED and message.kind not in CHAT_KINDS:
                user = uow.users.get_for_update(message.recipient_id)
                if user is not None:
                    user.reachable = False
                    uow.users.save(user)
                    log.info("user %s blocked the bot; no more messages", user.id)

        in_transaction(self._uow, work)
