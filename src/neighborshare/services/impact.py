"""What sharing achieved over a period: per neighbor and for the whole community."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.rules import Rules


@dataclass
class Impact:
    portions_shared: int = 0
    portions_received: int = 0
    credits_earned: int = 0
    exchanges: int = 0
    helped: set[int] = field(default_factory=set)  # the neighbors who received food

    @property
    def neighbors_helped(self) -> int:
        return len(self.helped)

    def as_dict(self) -> dict[str, int]:
        facts = {k: v for k, v in asdict(self).items() if k != "helped"}
        return facts | {"neighbors_helped": self.neighbors_helped}


def weekly_impacts(
    closed: Iterable[ExchangeRequest], rules: Rules
) -> tuple[Impact, dict[int, Impact]]:
    """(community, per neighbor) from the exchanges closed in the period; completed ones count."""
    community = Impact()
    personal: dict[int, Impact] = {}
    for exchange in closed:
        if exchange.status is not ExchangeStatus.COMPLETED:
            continue
        earned = exchange.portions * rules.credits_per_portion
        sharer = personal.setdefault(exchange.sharer_id, Impact())
        requester = personal.setdefault(exchange.requester_id, Impact())
        for impact in (sharer, community):
            impact.portions_shared += exchange.portions
            impact.credits_earned += earned
            impact.exchanges += 1
            impact.helped.add(exchange.requester_id)
        requester.portions_received += exchange.portions
        requester.exchanges += 1
        community.portions_received += exchange.portions
    return community, personal
