"""In-memory repositories over a Transaction, mirroring the SQL adapters' behaviour."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from neighborshare.adapters.memory.store import Transaction
from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.domain.exchanges import OPEN_STATUSES, ExchangeRequest, ExchangeStatus
from neighborshare.domain.groups import CommunityGroup
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.ratings import Rating, RatingSummary, summarize
from neighborshare.domain.records import (
    AuditEntry,
    ChatCard,
    OutboxMessage,
    QueueDepth,
    alert_key_prefix,
)
from neighborshare.domain.reports import UNHANDLED, Report
from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User, UserStatus
from neighborshare.domain.values import Location, diet_tags_satisfy
from neighborshare.ports.queries import AlertQuery, NearbyPost, NearbyQuery, ReportFilter


class _Table:
    name = ""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def _add(self, row: Any) -> Any:
        row.id = self._tx.next_id(self.name)
        self._tx.put(self.name, row.id, row)
        return row

    def get(self, row_id: int) -> Any:
        return self._tx.load(self.name, row_id)

    def get_for_update(self, row_id: int) -> Any:
        return self._tx.load(self.name, row_id)

    def get_many(self, row_ids: Sequence[int]) -> dict[int, Any]:
        found = {row_id: self._tx.load(self.name, row_id) for row_id in set(row_ids)}
        return {row_id: row for row_id, row in found.items() if row is not None}

    def save(self, row: Any) -> None:
        self._tx.put(self.name, row.id, row)

    def _rows(self) -> list[Any]:
        return list(self._tx.rows(self.name))

    def _unique(self, row: Any, **fields: Any) -> None:
        for other in self._rows():
            if other.id != row.id and all(_field(other, k) == v for k, v in fields.items()):
                raise ConcurrencyConflict(f"duplicate {self.name} {fields}")


def _field(row: Any, path: str) -> Any:
    value = row
    for part in path.split("."):
        value = getattr(value, part)
    return value


class InMemoryUserRepository(_Table):
    name = "users"

    def add(self, user: User) -> User:
        self._unique(user, telegram_id=user.telegram_id)
        self._unique(user, **{"phone.digest": user.phone.digest})
        return self._add(user)  # type: ignore[no-any-return]

    def save(self, user: User) -> None:
        self._unique(user, telegram_id=user.telegram_id)
        self._unique(user, **{"phone.digest": user.phone.digest})
        if user.balance < 0:
            raise ValueError("balance must not be negative")
        super().save(user)

    def get_by_telegram_id(self, telegram_id: int) -> User | None:
        return next((u for u in self._rows() if u.telegram_id == telegram_id), None)

    def get_by_phone(self, digest: str) -> User | None:
        return next((u for u in self._rows() if u.phone.digest == digest), None)

    def within(self, origin: Location, radius_m: float) -> list[User]:
        near = [(origin.distance_m(u.location), u.id, u) for u in self._rows()]
        return [u for d, _, u in sorted(near, key=lambda t: (t[0], t[1])) if d <= radius_m]

    def alert_candidates(self, query: AlertQuery) -> list[tuple[User, int]]:
        outbox = InMemoryOutbox(self._tx)
        candidates = [
            (u, outbox.count_for(u.id or 0, query.kind, query.since))
            for u in self.within(query.origin, query.radius_m)
            if u.notifications_enabled and u.reachable and u.status is not UserStatus.BANNED
            and u.id != query.exclude_id and _covers(u, query)
        ]
        return [(u, sent) for u, sent in candidates if sent < query.below]

    def search(self, text: str, limit: int = 20) -> list[User]:
        needle = text.strip().lower()
        found = [
            u
            for u in self._rows()
            if needle in u.preferred_name.lower()
            or needle == str(u.telegram_id)
            or needle == str(u.id)
        ]
        return found[:limit]

    def all_ids(self) -> list[int]:
        return [u.id for u in self._rows() if u.status is not UserStatus.BANNED]


def _covers(user: User, query: AlertQuery) -> bool:
    """Whether ``query``'s origin lies within the neighbor's own alert radius."""
    default = query.radius_m if query.default_radius_m is None else query.default_radius_m
    own = default if user.alert_radius_m is None else user.alert_radius_m
    return user.location.distance_m(query.origin) <= own


class InMemoryFoodPostRepository(_Table):
    name = "posts"

    def add(self, post: FoodPost) -> FoodPost:
        return self._add(post)  # type: ignore[no-any-return]

    def save(self, post: FoodPost) -> None:
        if not 0 <= post.portions_reserved <= post.portions:
            raise ConcurrencyConflict("portions reserved out of range")
        super().save(post)

    def nearby(self, query: NearbyQuery) -> list[NearbyPost]:
        found = []
        for post in self._rows():
            if post.status is not PostStatus.ACTIVE or post.window.end <= query.now:
                continue
            if post.portions_left <= 0 or post.sharer_id == query.exclude_sharer_id:
                continue
            sharer = self._tx.load("users", post.sharer_id)
            if sharer is not None and not sharer.is_active(query.now):  # as SQL's NOT EXISTS
                continue
            if post.allergens & query.excluded_allergens:
                continue
            if not diet_tags_satisfy(post.diet_tags, query.required_diet_tags):
                continue
            text = post.searchable_text().lower()
            if any(term in text for term in query.excluded_terms):
                continue
            distance = query.origin.distance_m(post.location)
            if distance <= query.radius_m:
                found.append(NearbyPost(post, distance))
        found.sort(key=lambda n: (n.distance_m, n.post.id))
        return found[query.offset : query.offset + query.limit]

    def by_sharer(self, sharer_id: int, limit: int = 20) -> list[FoodPost]:
        posts = [p for p in self._rows() if p.sharer_id == sharer_id]
        return sorted(posts, key=lambda p: p.id, reverse=True)[:limit]

    def active_ending_before(self, moment: datetime, limit: int) -> list[FoodPost]:
        due = [p for p in self._rows() if p.status is PostStatus.ACTIVE and p.window.end <= moment]
        return sorted(due, key=lambda p: (p.window.end, p.id))[:limit]

    def created_between(self, start: datetime, end: datetime) -> list[FoodPost]:
        return [p for p in self._rows() if start <= p.created_at < end]

    def listing(
        self, status: PostStatus | None = None, limit: int = 50, offset: int = 0
    ) -> list[FoodPost]:
        posts = [p for p in self._rows() if status is None or p.status is status]
        return sorted(posts, key=lambda p: p.id, reverse=True)[offset : offset + limit]


class InMemoryExchangeRepository(_Table):
    name = "exchanges"

    def add(self, exchange: ExchangeRequest) -> ExchangeRequest:
        return self._add(exchange)  # type: ignore[no-any-return]

    def _post(self, exchange: ExchangeRequest) -> FoodPost:
        post = self._tx.load("posts", exchange.post_id)
        assert post is not None
        return post  # type: ignore[no-any-return]

    def count_open_by_requester(self, requester_id: int) -> int:
        return sum(
            1 for e in self._rows() if e.requester_id == requester_id and e.status in OPEN_STATUSES
        )

    def for_post(self, post_id: int) -> list[ExchangeRequest]:
        return [e for e in self._rows() if e.post_id == post_id]

    def for_user(self, user_id: int, limit: int = 20) -> list[ExchangeRequest]:
        mine = [e for e in self._rows() if user_id in (e.requester_id, e.sharer_id)]
        return sorted(mine, key=lambda e: e.id, reverse=True)[:limit]

    def _by_window(self, status: ExchangeStatus, keep: Any, limit: int) -> list[ExchangeRequest]:
        due = [(self._post(e).window, e) for e in self._rows() if e.status is status]
        due = [(w, e) for w, e in due if keep(w, e)]
        return [e for _, e in sorted(due, key=lambda t: (t[0].end, t[1].id))][:limit]

    def pending_ending_by(self, moment: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(ExchangeStatus.PENDING, lambda w, e: w.end <= moment, limit)

    def accepted_ending_by(self, moment: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(ExchangeStatus.ACCEPTED, lambda w, e: w.end <= moment, limit)

    def needing_reminder(
        self, starts_by: datetime, now: datetime, limit: int
    ) -> list[ExchangeRequest]:
        return self._by_window(
            ExchangeStatus.ACCEPTED,
            lambda w, e: e.reminded_at is None and w.start <= starts_by and w.end > now,
            limit,
        )

    def needing_pickup_prompt(self, now: datetime, limit: int) -> list[ExchangeRequest]:
        return self._by_window(
            ExchangeStatus.ACCEPTED,
            lambda w, e: e.pickup_prompted_at is None and w.end <= now,
            limit,
        )

    def count_by_status(self) -> dict[ExchangeStatus, int]:
        counts: dict[ExchangeStatus, int] = {}
        for e in self._rows():
            counts[e.status] = counts.get(e.status, 0) + 1
        return counts

    def closed_between(self, start: datetime, end: datetime) -> list[ExchangeRequest]:
        return [e for e in self._rows() if e.closed_at is not None and start <= e.closed_at < end]


class InMemoryRatingRepository(_Table):
    name = "ratings"

    def add(self, rating: Rating) -> Rating:
        self._unique(rating, exchange_id=rating.exchange_id, rater_id=rating.rater_id)
        return self._add(rating)  # type: ignore[no-any-return]

    def for_exchange(self, exchange_id: int) -> list[Rating]:
        return [r for r in self._rows() if r.exchange_id == exchange_id]

    def summaries(self, user_ids: Sequence[int]) -> dict[int, RatingSummary]:
        found = {user_id: summarize(self.received_by(user_id)) for user_id in set(user_ids)}
        return {user_id: summary for user_id, summary in found.items() if summary.count}

    def received_by(self, user_id: int, since: datetime | None = None) -> list[Rating]:
        return [
            r
            for r in self._rows()
            if r.rated_id == user_id and (since is None or r.created_at >= since)
        ]

    def given_by(self, rater_id: int) -> list[Rating]:
        return [r for r in self._rows() if r.rater_id == rater_id]

    def erase_comments_by(self, rater_id: int) -> int:
        written = [r for r in self.given_by(rater_id) if r.comment]
        for rating in written:
            rating.comment = ""
            self.save(rating)
        return len(written)


class InMemoryCreditLedger(_Table):
    name = "credits"

    def add(self, tx: CreditTransaction) -> CreditTransaction:
        self._unique(tx, key=tx.key)
        return self._add(tx)  # type: ignore[no-any-return]

    def add_once(self, tx: CreditTransaction) -> bool:
        if self.has_key(tx.key):
            return False
        self._add(tx)
        return True

    def has_key(self, key: str) -> bool:
        return any(t.key == key for t in self._rows())

    def holder_of(self, key: str) -> int | None:
        return next((t.user_id for t in self._rows() if t.key == key), None)

    def history(self, user_id: int, limit: int = 10) -> list[CreditTransaction]:
        mine = [t for t in self._rows() if t.user_id == user_id]
        return sorted(mine, key=lambda t: t.id, reverse=True)[:limit]

    def total_for(self, user_id: int) -> int:
        return sum(t.amount for t in self._rows() if t.user_id == user_id)

    def total(self) -> int:
        return sum(t.amount for t in self._rows())


class InMemoryReportRepository(_Table):
    name = "reports"

    def add(self, report: Report) -> Report:
        return self._add(report)  # type: ignore[no-any-return]

    def filtered(self, query: ReportFilter) -> list[Report]:
        found = [
            r
            for r in self._rows()
            if (not query.statuses or r.status.value in query.statuses)
            and (query.category is None or r.category.value == query.category)
            and (query.reported_id is None or r.reported_id == query.reported_id)
            and (query.created_before is None or r.created_at < query.created_before)
        ]
        return sorted(found, key=lambda r: (r.created_at, r.id))[: query.limit]

    def latest_by_reporter(self, reporter_id: int, limit: int) -> list[Report]:
        mine = [r for r in self._rows() if r.reporter_id == reporter_id]
        return sorted(mine, key=lambda r: r.id, reverse=True)[:limit]

    def count_by_reporter_since(self, reporter_id: int, since: datetime) -> int:
        return sum(
            1 for r in self._rows() if r.reporter_id == reporter_id and r.created_at >= since
        )

    def unhandled_against_since(self, user_id: int, since: datetime) -> list[Report]:
        return [
            r
            for r in self._rows()
            if r.reported_id == user_id and r.status in UNHANDLED and r.created_at >= since
        ]

    def count_against(self, user_id: int) -> int:
        return sum(1 for r in self._rows() if r.reported_id == user_id)


class InMemoryAuditLog(_Table):
    name = "audit"

    def add(self, entry: AuditEntry) -> AuditEntry:
        return self._add(entry)  # type: ignore[no-any-return]

    def latest(self, limit: int = 50, actor_id: int | None = None) -> list[AuditEntry]:
        rows = [a for a in self._rows() if actor_id is None or a.actor_id == actor_id]
        return sorted(rows, key=lambda a: a.id, reverse=True)[:limit]

    def about(self, target_type: str, target_id: int, limit: int = 50) -> list[AuditEntry]:
        rows = [a for a in self._rows() if (a.target_type, a.target_id) == (target_type, target_id)]
        return sorted(rows, key=lambda a: a.id, reverse=True)[:limit]


class InMemoryOutbox(_Table):
    name = "outbox"

    def add(self, message: OutboxMessage) -> bool:
        if any(m.dedupe_key == message.dedupe_key for m in self._rows()):
            return False
        self._add(message)
        return True

    def claim_due(self, now: datetime, limit: int) -> list[OutboxMessage]:
        due = [m for m in self._rows() if _waiting(m, now)]
        return sorted(due, key=lambda m: (m.priority, m.available_at, m.id))[:limit]

    def count_for(self, recipient_id: int, kind: str, since: datetime) -> int:
        return sum(
            1
            for m in self._rows()
            if m.recipient_id == recipient_id and m.kind == kind and m.created_at >= since
        )

    def add_many(self, messages: Sequence[OutboxMessage]) -> int:
        return sum(self.add(message) for message in messages)

    def backlog(self, now: datetime) -> int:
        return sum(1 for m in self._rows() if _waiting(m, now))

    def sent_to(self, recipient_id: int) -> Sequence[OutboxMessage]:
        return [m for m in self._rows() if m.recipient_id == recipient_id]

    def queued(self, now: datetime) -> list[QueueDepth]:
        waiting = [m for m in self._rows() if m.sent_at is None and m.failed_at is None]
        depths = []
        for send_class in sorted({m.priority for m in waiting}):
            rows = [m for m in waiting if m.priority == send_class]
            due = [m.available_at for m in rows if m.available_at <= now]
            depths.append(QueueDepth(send_class, len(rows), len(due), min(due, default=None)))
        return depths

    def failed(self, limit: int) -> list[OutboxMessage]:
        rows = [m for m in self._rows() if m.failed_at is not None]
        return sorted(rows, key=lambda m: (m.failed_at, m.id), reverse=True)[:limit]

    def delete(self, message_id: int) -> None:
        self._tx.delete(self.name, message_id)

    def by_key(self, dedupe_key: str) -> OutboxMessage | None:
        return next((m for m in self._rows() if m.dedupe_key == dedupe_key), None)

    def alerts_of(self, post_id: int) -> Sequence[OutboxMessage]:
        prefix = alert_key_prefix(post_id)
        return [m for m in self._rows() if m.dedupe_key.startswith(prefix)]

    def posts_alerted(self, recipient_id: int, since: datetime) -> set[int]:
        return {int(m.payload["post_id"]) for m in self._rows()
                if m.recipient_id == recipient_id and m.kind == "new_post"
                and m.created_at >= since}

    def count_failed(self) -> int:
        return sum(1 for m in self._rows() if m.failed_at is not None)


def _waiting(message: OutboxMessage, now: datetime) -> bool:
    """Unsent, not failed, and due by ``now``."""
    return message.sent_at is None and message.failed_at is None and message.available_at <= now


class InMemorySessionRepository:
    name = "sessions"

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def get(self, telegram_id: int) -> ConversationSession | None:
        return self._tx.load(self.name, telegram_id)  # type: ignore[no-any-return]

    def get_for_update(self, telegram_id: int) -> ConversationSession | None:
        return self.get(telegram_id)  # transactions here are serialized already

    def get_for_update_with_user(
        self, telegram_id: int
    ) -> tuple[ConversationSession | None, User | None]:
        return self.get_for_update(telegram_id), InMemoryUserRepository(
            self._tx
        ).get_by_telegram_id(telegram_id)

    def save(self, session: ConversationSession) -> None:
        self._tx.put(self.name, session.telegram_id, session)

    def delete(self, telegram_id: int) -> None:
        self._tx.delete(self.name, telegram_id)

    def delete_expired(self, now: datetime) -> int:
        expired = [s.telegram_id for s in self._tx.rows(self.name) if s.is_expired(now)]
        for telegram_id in expired:
            self._tx.delete(self.name, telegram_id)
        return len(expired)


class InMemoryUpdateLog:
    name = "updates"

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def record(self, update_id: int, now: datetime, sender: int | None = None) -> bool:
        # ``sender``: nothing to read ahead, a read here is no round trip
        if self._tx.load(self.name, update_id) is not None:
            return False
        self._tx.put(self.name, update_id, (update_id, now))
        return True

    def forget_before(self, moment: datetime) -> int:
        old = [update_id for update_id, at in self._tx.rows(self.name) if at < moment]
        for update_id in old:
            self._tx.delete(self.name, update_id)
        return len(old)


class InMemoryChatCardRepository:
    name = "chat_cards"

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def remember(self, card: ChatCard, now: datetime) -> bool:
        if self._tx.load(self.name, card.inline_message_id) is not None:
            return False
        self._tx.put(self.name, card.inline_message_id, (card, now))
        return True

    def of_post(self, post_id: int) -> list[ChatCard]:
        cards = [(at, card.inline_message_id, card) for card, at in self._tx.rows(self.name)
                 if card.post_id == post_id]
        return [card for _, _, card in sorted(cards, key=lambda row: row[:2])]

    def forget(self, inline_message_id: str) -> None:
        if self._tx.load(self.name, inline_message_id) is not None:
            self._tx.delete(self.name, inline_message_id)


class InMemoryCommunityGroupRepository:
    name = "community_groups"

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    def get(self, chat_id: int) -> CommunityGroup | None:
        group: CommunityGroup | None = self._tx.load(self.name, chat_id)
        return group

    def get_for_update(self, chat_id: int) -> CommunityGroup | None:
        return self.get(chat_id)  # transactions here are serialized already

    def save(self, group: CommunityGroup) -> None:
        self._tx.put(self.name, group.chat_id, group)

    def remove(self, chat_id: int) -> bool:
        if self._tx.load(self.name, chat_id) is None:
            return False
        self._tx.delete(self.name, chat_id)
        return True

    def all(self) -> list[CommunityGroup]:
        return sorted(self._tx.rows(self.name), key=lambda g: (g.linked_at, g.chat_id))

    def covering(self, location: Location) -> list[CommunityGroup]:
        return [group for group in self.all() if group.covers(location)]
