"""Daily and weekly digests, queued in the outbox at most once per neighbor per day or week."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from zoneinfo import ZoneInfo

from neighborshare.domain.preferences import alert_radius_m
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.domain.values import rounded_distance
from neighborshare.ports.queries import NearbyQuery
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.impact import Impact, weekly_impacts
from neighborshare.services.transactions import in_transaction, notify, read_only

DAILY = "daily_digest"
WEEKLY = "weekly_digest"
USERS_PER_TRANSACTION = 200
PerUser = Callable[[UnitOfWork, User], bool]
Wants = Callable[[User], bool]  # whether the neighbor has this digest on (in /settings)


def due_today(local: datetime, at: time, catch_up: timedelta) -> bool:
    """Whether ``local`` is at or after ``at`` and still within the catch-up period."""
    start = datetime.combine(local.date(), at, local.tzinfo)
    return start <= local < start + catch_up


class DigestService:
    """Each run handles every neighbor still owed today's (or this week's) digest."""

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        rules: Rules,
        tasks: TaskQueue,
        users_per_transaction: int = USERS_PER_TRANSACTION,
    ) -> None:
        self._uow = uow_factory
        self._chunk = users_per_transaction
        self._clock = clock
        self._rules = rules
        self._tasks = tasks
        self._tz = ZoneInfo(rules.time_zone)

    def send_daily(self) -> int:
        """At 08:00 local: the dishes still available near each neighbor who has some."""
        now = self._clock.now()
        local = now.astimezone(self._tz)
        if not due_today(local, self._rules.daily_digest_at, self._rules.digest_catch_up):
            return 0
        midnight = datetime.combine(local.date(), time(0), self._tz)
        return self._each_user(lambda uow, user: self._daily(uow, user, now, midnight),
                               wants=lambda user: user.daily_digest)

    def send_weekly(self) -> int:
        """Monday 09:00 local: last week's personal and community impact."""
        now = self._clock.now()
        local = now.astimezone(self._tz)
        rules = self._rules
        if local.weekday() != rules.weekly_digest_weekday or not due_today(
            local, rules.weekly_digest_at, rules.digest_catch_up
        ):
            return 0
        end = datetime.combine(local.date(), time(0), self._tz)
        start = datetime.combine(local.date() - timedelta(days=7), time(0), self._tz)
        closed = read_only(self._uow, lambda uow: uow.exchanges.closed_between(start, end))
        community, personal = weekly_impacts(closed, rules)
        week = _week_label(start.date())

        def each(uow: UnitOfWork, user: User) -> bool:
            assert user.id is not None
            if uow.outbox.count_for(user.id, WEEKLY, end) > 0:
                return False
            mine = personal.get(user.id, Impact())
            mine.credits_earned += self._five_star_bonuses(uow, user.id, start, end)
            if not (mine.portions_shared or mine.portions_received or mine.credits_earned
                    or community.portions_shared):
                return False  # a week of nothing, for them and for everyone: nothing to say
            payload = {"week_start": start.date().isoformat(), "balance": user.balance}
            payload |= {"me": mine.as_dict(), "community": community.as_dict()}
            return notify(uow, user.id, WEEKLY, payload, now, f"digest:weekly:{week}:{user.id}")

        return self._each_user(each, wants=lambda user: user.weekly_digest)

    def _five_star_bonuses(
        self, uow: UnitOfWork, user_id: int, start: datetime, end: datetime
    ) -> int:
        """The bonus credits for 5-star food ratings ``user_id`` received in the week."""
        received = uow.ratings.received_by(user_id, since=start)
        fives = sum(1 for rating in received if rating.food == 5 and rating.created_at < end)
        return fives * self._rules.five_star_bonus

    def _daily(self, uow: UnitOfWork, user: User, now: datetime, midnight: datetime) -> bool:
        assert user.id is not None
        if uow.outbox.count_for(user.id, DAILY, midnight) > 0:
            return False  # already queued today: skip the radius query
        told = self._already_told(uow, user.id, now)
        found = uow.posts.nearby(
            NearbyQuery(
                origin=user.location,
                radius_m=alert_radius_m(user, self._rules),
                now=now,
                exclude_sharer_id=user.id,
                excluded_allergens=user.allergies,
                required_diet_tags=user.diet_restrictions,
                excluded_terms=user.custom_allergy_terms(),
                limit=self._rules.digest_max_posts + len(told),
            )
        )
        found = [item for item in found if item.post.id not in told]
        found = found[: self._rules.digest_max_posts]
        if not found:
            return False
        posts = [
            {
                "post_id": item.post.id,
                "name": item.post.name,
                "portions_left": item.post.portions_left,
                "distance": rounded_distance(item.distance_m),
                "window_start": item.post.window.start.isoformat(),
                "window_end": item.post.window.end.isoformat(),
            }
            for item in found
        ]
        day = midnight.date().isoformat()
        payload = {"day": day, "posts": posts}
        return notify(uow, user.id, DAILY, payload, now, f"digest:daily:{day}:{user.id}")

    def _already_told(self, uow: UnitOfWork, user_id: int, now: datetime) -> set[int]:
        """The dishes ``user_id`` was alerted to or asked for: a digest has no news of them.
        A dish still open was posted within the window horizon, so older rows can't name it."""
        since = now - self._rules.window_horizon
        requested = {e.post_id for e in uow.exchanges.for_user(user_id)
                     if e.requester_id == user_id}
        return uow.outbox.posts_alerted(user_id, since) | requested

    def _each_user(self, each: PerUser, wants: Wants) -> int:
        """Visit every reachable, active neighbor who ``wants`` this digest, in short
        transactions."""
        ids = read_only(self._uow, lambda uow: uow.users.all_ids())
        queued = 0
        for start in range(0, len(ids), self._chunk):
            chunk = ids[start : start + self._chunk]
            visit = partial(self._visit, ids=chunk, each=each, wants=wants)
            queued += in_transaction(self._uow, visit)
        if queued:
            self._tasks.enqueue("drain_outbox")
        return queued

    def _visit(self, uow: UnitOfWork, ids: list[int], each: PerUser, wants: Wants) -> int:
        now = self._clock.now()
        queued = 0
        for user_id in ids:
            user = uow.users.get(user_id)
            if user is not None and wants(user) and user.reachable and user.is_active(now):
                queued += each(uow, user)
        return queued


def _week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
