"""The credit ledger: append-only movements, each exchange-linked one keyed to happen once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from neighborshare.domain.errors import NotEnoughCredits
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User


class CreditKind(StrEnum):
    WELCOME_BONUS = "welcome_bonus"
    REQUEST_HOLD = "request_hold"
    HOLD_RELEASE = "hold_release"
    PORTION_REWARD = "portion_reward"
    FIVE_STAR_BONUS = "five_star_bonus"
    ADJUSTMENT = "adjustment"


DESCRIPTIONS = {
    CreditKind.WELCOME_BONUS: "Welcome bonus",
    CreditKind.REQUEST_HOLD: "Held for a request",
    CreditKind.HOLD_RELEASE: "Hold returned",
    CreditKind.PORTION_REWARD: "Thanks for sharing",
    CreditKind.FIVE_STAR_BONUS: "5-star food bonus",
    CreditKind.ADJUSTMENT: "Adjusted by a moderator",
}


@dataclass(eq=False)
class CreditTransaction:
    user_id: int
    amount: int
    kind: CreditKind
    key: str
    created_at: datetime
    exchange_id: int | None = None
    description: str = ""
    id: int | None = None


def apply(user: User, tx: CreditTransaction) -> None:
    """Move ``user``'s balance by ``tx``; a balance never goes below zero."""
    if user.balance + tx.amount < 0:
        raise NotEnoughCredits("balance_too_low", cost=-tx.amount, balance=user.balance)
    user.balance += tx.amount


def _movement(
    user_id: int, amount: int, kind: CreditKind, key: str, now: datetime, exchange_id: int | None
) -> CreditTransaction:
    return CreditTransaction(
        user_id=user_id,
        amount=amount,
        kind=kind,
        key=key,
        created_at=now,
        exchange_id=exchange_id,
        description=DESCRIPTIONS[kind],
    )


def welcome_key(phone_digest: str) -> str:
    """The welcome bonus's ledger key: the phone's keyed hash, kept after an erasure."""
    return f"welcome:{phone_digest}"


def welcome_bonus(user: User, rules: Rules, now: datetime) -> CreditTransaction:
    """Keyed by phone hash: once per phone number, ever."""
    assert user.id is not None
    key = welcome_key(user.phone.digest)
    return _movement(user.id, rules.welcome_bonus, CreditKind.WELCOME_BONUS, key, now, None)


def exchange_movement(
    exchange: ExchangeRequest, kind: CreditKind, rules: Rules, now: datetime
) -> CreditTransaction:
    """The one movement of ``kind`` that ``exchange`` may cause."""
    assert exchange.id is not None
    per = rules.credits_per_portion * exchange.portions
    amounts: dict[CreditKind, tuple[int, int]] = {
        CreditKind.REQUEST_HOLD: (exchange.requester_id, -per),
        CreditKind.HOLD_RELEASE: (exchange.requester_id, per),
        CreditKind.PORTION_REWARD: (exchange.sharer_id, per),
        CreditKind.FIVE_STAR_BONUS: (exchange.sharer_id, rules.five_star_bonus),
    }
    user_id, amount = amounts[kind]
    key = f"exchange:{exchange.id}:{kind.value}"
    return _movement(user_id, amount, kind, key, now, exchange.id)


def adjustment(
    user_id: int, amount: int, reason: str, key: str, now: datetime
) -> CreditTransaction:
    tx = _movement(user_id, amount, CreditKind.ADJUSTMENT, key, now, None)
    tx.description = reason
    return tx
