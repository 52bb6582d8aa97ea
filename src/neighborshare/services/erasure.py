"""Erasing a neighbor's account (/deleteaccount, `neighborshare users erase`).

Open exchanges end with every hold returned, dishes are withdrawn, and the profile, the dishes'
photos and descriptions, the rating comments they wrote and their name and apartment in the
exchange messages kept for the other sides are erased. The user row stays under
a pseudonym: the ledger's rows point at it and keep its balance equal to their sum; the welcome
bonus's ledger key keeps the phone's keyed hash, which is what refuses a second bonus when the
same phone onboards again (as a new neighbor).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from neighborshare.domain.errors import AccountErased, ConflictOfInterest
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import PostStatus
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import ERASED_LOCATION, User
from neighborshare.ports.services import Clock, PhotoStore, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import (
    exchange_or_refuse,
    moderator_or_refuse,
    post_or_refuse,
    user_or_refuse,
)
from neighborshare.services.exchanges import close_with_refund, withdraw_buttons
from neighborshare.services.notifications import post_summary
from neighborshare.services.transactions import in_transaction, notify
from neighborshare.services.withdrawal import take_down

log = logging.getLogger(__name__)

EVERYTHING = 100_000
SELF_ERASURE = "own-request"  # the audit's reason when the neighbor asked for it
# what an exchange's messages say about the other side (exchanges.py, sweeps.py)
MENTIONS = frozenset({"apartment", "sharer_name", "requester_name"})


@dataclass(frozen=True, slots=True)
class Erased:
    user_id: int
    pseudonym: str
    requests_cancelled: int  # the neighbor's own requests, each hold returned to them
    dishes_withdrawn: int
    photos_deleted: int


class ErasureService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        rules: Rules,
        tasks: TaskQueue,
        photos: PhotoStore,
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks
        self._photos = photos

    def erase(self, user_id: int, moderator_id: int | None = None, reason: str = "") -> Erased:
        """Erase ``user_id``: their own request (no moderator), or a moderator's (audited)."""
        reason = " ".join(reason.split())[:500] or SELF_ERASURE
        erased, photos = in_transaction(
            self._uow, lambda uow: self._erase(uow, user_id, moderator_id, reason)
        )
        self._tasks.enqueue("drain_outbox")
        deleted = sum(self._delete_photo(ref) for ref in photos)
        return Erased(erased.user_id, erased.pseudonym, erased.requests_cancelled,
                      erased.dishes_withdrawn, deleted)

    def _erase(
        self, uow: UnitOfWork, user_id: int, moderator_id: int | None, reason: str
    ) -> tuple[Erased, list[str]]:
        now = self._clock.now()
        if moderator_id is not None:
            moderator_or_refuse(uow, moderator_id)
            if moderator_id == user_id:
                raise ConflictOfInterest("own_account")  # their own: /deleteaccount
        user = user_or_refuse(uow, user_id, lock=True)
        if user.is_erased:
            raise AccountErased()
        cancelled = self._cancel_own_requests(uow, user_id, now)
        withdrawn, photos = self._withdraw_dishes(uow, user_id, now)
        uow.ratings.erase_comments_by(user_id)
        _scrub_messages_about(uow, user_id)
        uow.sessions.delete(user.telegram_id)
        pseudonym = _erase_profile(uow, user, now)
        uow.audit.add(AuditEntry(moderator_id or user_id, "erase", "user", user_id, reason, now,
                                 {"by": "moderator" if moderator_id else "neighbor"}))
        return Erased(user_id, pseudonym, cancelled, withdrawn, 0), photos

    def _cancel_own_requests(self, uow: UnitOfWork, user_id: int, now: datetime) -> int:
        """The neighbor's pending and accepted requests: cancelled, each sharer told."""
        mine = [e for e in uow.exchanges.for_user(user_id, EVERYTHING)
                if e.is_open and e.requester_id == user_id and e.id is not None]
        for found in mine:
            post = post_or_refuse(uow, found.post_id, lock=True)  # user (locked), post, exchange
            exchange = exchange_or_refuse(uow, found.id or 0, lock=True)
            close_with_refund(uow, exchange, post, ExchangeStatus.CANCELLED, self._rules, now)
            _tell_sharer(uow, exchange, post_summary(post), now)
            withdraw_buttons(uow, exchange, "cancelled", now, (exchange.sharer_id,))
        return len(mine)

    def _withdraw_dishes(
        self, uow: UnitOfWork, user_id: int, now: datetime
    ) -> tuple[int, list[str]]:
        """Every dish still offered or still holding open exchanges is withdrawn (each requester
        refunded and told); every dish loses its photo and description."""
        withdrawn, photos = 0, []
        for found in uow.posts.by_sharer(user_id, EVERYTHING):
            assert found.id is not None
            open_ones = [e for e in uow.exchanges.for_post(found.id) if e.is_open]
            for requester_id in sorted({e.requester_id for e in open_ones}):
                user_or_refuse(uow, requester_id, lock=True)
            post = post_or_refuse(uow, found.id, lock=True)
            if post.status is PostStatus.ACTIVE or open_ones:
                take_down(uow, post, self._rules, now, sharer_buttons=False)
                withdrawn += 1
            photos += [post.photo_ref] if post.photo_ref else []
            _scrub_alerts_of(uow, found.id)
            post.photo_ref = post.photo_file_id = None
            post.description = ""
            post.location = ERASED_LOCATION
            uow.posts.save(post)
        return withdrawn, photos

    def _delete_photo(self, ref: str) -> bool:
        """Once the erasure's own transaction is done (committed; in the bot, the update's
        transaction commits right after): a photo a failure leaves behind is an orphan (the
        dish no longer names it), logged, and the erasure still stands."""
        try:
            self._photos.delete(ref)
        except Exception:  # the store's own errors vary by adapter (OSError, botocore...)
            log.warning("an erased neighbor's photo could not be deleted", exc_info=True)
            return False
        return True


def _tell_sharer(uow: UnitOfWork, exchange: ExchangeRequest, summary: dict[str, object],
                 now: datetime) -> None:
    kind = "cancelled_by_requester"
    payload = summary | {"exchange_id": exchange.id, "portions": exchange.portions,
                         "status": exchange.status.value}
    notify(uow, exchange.sharer_id, kind, payload, now,
           f"exchange:{exchange.id}:{kind}:{exchange.sharer_id}")


def _scrub_messages_about(uow: UnitOfWork, user_id: int) -> int:
    """The exchange messages the other sides were sent (kept in the outbox, sent or not) lose
    the erased neighbor's first name and apartment; how many were changed."""
    exchanges = uow.exchanges.for_user(user_id, EVERYTHING)
    ids = {e.id for e in exchanges}
    changed = 0
    for other in sorted({e.other_party(user_id) for e in exchanges}):
        for message in uow.outbox.sent_to(other):
            said = MENTIONS & message.payload.keys()
            if message.payload.get("exchange_id") in ids and any(message.payload[k] for k in said):
                # blanked, not dropped: a message not sent yet still renders
                message.payload = message.payload | dict.fromkeys(said, "")
                uow.outbox.save(message)
                changed += 1
    return changed


def _scrub_alerts_of(uow: UnitOfWork, post_id: int) -> None:
    """The new-dish alerts neighbors were sent of an erased sharer's dish (kept in the outbox,
    sent or not) lose the sharer's first name and the photo's file id."""
    for message in uow.outbox.alerts_of(post_id):
        if message.payload.get("sharer_name") or message.payload.get("photo_file_id"):
            message.payload = message.payload | {"sharer_name": "", "photo_file_id": None}
            uow.outbox.save(message)


def _erase_profile(uow: UnitOfWork, user: User, now: datetime) -> str:
    user.erase(now)
    uow.users.save(user)
    return user.preferred_name

