"""Ratings after an exchange, and when a rating is shown or suspends someone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from neighborshare.domain.errors import InvalidInput, RatingNotAllowed
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.rules import Rules

MAX_COMMENT_LENGTH = 500


@dataclass(eq=False)
class Rating:
    exchange_id: int
    rater_id: int
    rated_id: int
    interaction: int
    created_at: datetime
    food: int | None = None
    comment: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class RatingSummary:
    count: int
    average: float | None

    def shown(self, rules: Rules) -> RatingSummary | None:
        """Itself once there are enough ratings to show, else None (a new neighbor)."""
        if self.average is None or self.count < rules.ratings_before_shown:
            return None
        return self


def check_stars(value: int | None, label: str) -> None:
    if value is not None and not 1 <= value <= 5:
        raise InvalidInput(f"{label}_stars")


def new_rating(
    exchange: ExchangeRequest,
    rater_id: int,
    interaction: int,
    food: int | None,
    comment: str,
    rules: Rules,
    now: datetime,
) -> Rating:
    """A rating of the other party, if this party may still rate this exchange."""
    assert exchange.id is not None
    party = ensure_may_rate(exchange, rater_id, rules, now)
    if food is not None and party != "requester":
        raise RatingNotAllowed("food_rated_by_requester")
    check_stars(interaction, "interaction")
    check_stars(food, "food")
    comment = comment.strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise InvalidInput("comment_length", maximum=MAX_COMMENT_LENGTH)
    return Rating(
        exchange_id=exchange.id,
        rater_id=rater_id,
        rated_id=exchange.other_party(rater_id),
        interaction=interaction,
        food=food,
        comment=comment,
        created_at=now,
    )


def ensure_may_rate(
    exchange: ExchangeRequest, rater_id: int, rules: Rules, now: datetime
) -> str:
    """Refuse a rating of an exchange not completed or past the rating window; the party."""
    party = exchange.party(rater_id)
    if exchange.status is not ExchangeStatus.COMPLETED or exchange.completed_at is None:
        raise RatingNotAllowed("rate_after_pickup")
    if now > exchange.completed_at + rules.rating_window:
        days = rules.rating_window.days
        raise RatingNotAllowed("rating_closed", days=days)
    return party


def summarize(ratings: list[Rating]) -> RatingSummary:
    stars = [r.interaction for r in ratings] + [r.food for r in ratings if r.food is not None]
    if not stars:
        return RatingSummary(0, None)
    return RatingSummary(len(ratings), sum(stars) / len(stars))


def low_ratings_warrant_suspension(recent: list[Rating], rules: Rules) -> bool:
    """Three interaction ratings under 3 and a period average under 3."""
    if not recent:
        return False
    low = [r for r in recent if r.interaction < rules.low_rating_threshold]
    average = sum(r.interaction for r in recent) / len(recent)
    return len(low) >= rules.low_rating_count and average < rules.low_rating_threshold
