"""Writing the demo neighborhood's past day by day, as its neighbors would have lived it."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.reports import ModerationAction
from neighborshare.entrypoints.cli.demo import (
    RewoundClock,
    Tally,
    attempt,
    dish,
    registrations,
    report_form,
)
from neighborshare.services.moderation import Resolution

SHARERS_PER_DAY = 3
MODERATOR_LAG_DAYS = 3  # the demo moderator closes reports this old; newer ones stay open


class DemoBuilder:
    def __init__(self, c: Any, clock: RewoundClock, rng: random.Random) -> None:
        self.c = c
        self.clock = clock
        self.rng = rng
        self.tally = Tally()
        self.filed: list[tuple[int, int]] = []  # (report id, days ago when filed)

    def build(self, size: int, days: int, tick: Callable[[], None]) -> Tally:
        self.clock.offset = timedelta(days=days)
        self.neighbors(size, tick)
        appointed = attempt(self.c.first_moderator().appoint, self.tally.people[0], "demo")
        self.tally.moderator = appointed.id if appointed else None
        for day in range(days, -1, -1):
            self.clock.offset = timedelta(days=day)
            self.moderate(day)
            self.live(day)
            tick()
        self.clock.offset = timedelta()
        self.c.sweeps().expire_posts()
        tick()
        return self.tally

    def neighbors(self, size: int, tick: Callable[[], None]) -> None:
        centre = self.c.settings().service_area.centre
        for form in registrations(size, centre, self.rng, self.c.auth().hash):
            self.tally.people.append(self.c.users().register(form).user.id)
            self.tally.neighbors += 1
            tick()

    def live(self, day: int) -> None:
        """Three neighbors share; others ask; most pickups happen (except today's)."""
        accepted = []
        for sharer in self.rng.sample(self.tally.people, k=SHARERS_PER_DAY):
            accepted += self.share(sharer)
        if day == 0:
            return  # today's exchanges stay open: something to look at in the bot
        self.clock.offset -= timedelta(hours=2)  # into the pickup windows
        for exchange in accepted:
            self.pickup(exchange, day)

    def share(self, sharer: int) -> list[ExchangeRequest]:
        post = attempt(self.c.food().share, sharer, dish(self.clock.now(), self.rng))
        if post is None:
            return []
        self.tally.posts += 1
        accepted = []
        others = [p for p in self.tally.people if p != sharer]
        for requester in self.rng.sample(others, k=self.rng.randint(1, 3)):
            exchange = attempt(
                self.c.exchanges().request, requester, post.id, self.rng.randint(1, 2)
            )
            if exchange is None:
                continue
            self.tally.exchanges += 1
            if self.rng.random() > 0.85:
                attempt(self.c.exchanges().decline, sharer, exchange.id)
            elif attempt(self.c.exchanges().accept, sharer, exchange.id):
                accepted.append(exchange)
        return accepted

    def pickup(self, exchange: ExchangeRequest, day: int) -> None:
        roll, exchanges = self.rng.random(), self.c.exchanges()
        if roll < 0.1:
            attempt(exchanges.no_show, exchange.sharer_id, exchange.id)
            self.report(exchange.sharer_id, exchange, day)
        elif roll < 0.2:
            attempt(exchanges.cancel, exchange.requester_id, exchange.id)
        elif attempt(exchanges.confirm_pickup, exchange.requester_id, exchange.id):
            self.rate(exchange)
            if self.rng.random() < 0.08:
                self.report(exchange.requester_id, exchange, day)

    def rate(self, exchange: ExchangeRequest) -> None:
        rate, choice = self.c.ratings().rate, self.rng.choice
        food = choice((5, 5, 5, 4, 4, 3))
        self.tally.ratings += bool(attempt(rate, exchange.requester_id, exchange.id, 5, food))
        self.tally.ratings += bool(attempt(rate, exchange.sharer_id, exchange.id, choice((5, 4))))

    def report(self, reporter: int, exchange: ExchangeRequest, day: int) -> None:
        form = report_form(exchange.id or 0, self.rng)
        report = attempt(self.c.reporting().report, reporter, form)
        if report is not None:
            self.tally.reports += 1
            self.filed.append((report.id, day))

    def moderate(self, day: int) -> None:
        moderator, moderation = self.tally.moderator, self.c.moderation()
        if moderator is None:
            return
        for report_id, filed_day in [f for f in self.filed if f[1] - day >= MODERATOR_LAG_DAYS]:
            self.filed.remove((report_id, filed_day))
            if self.rng.random() < 0.5:
                attempt(moderation.dismiss, moderator, report_id, "Not enough to go on.")
            else:
                warn = Resolution(ModerationAction.WARN, "Please keep pickups friendly.")
                attempt(moderation.resolve, moderator, report_id, warn)
