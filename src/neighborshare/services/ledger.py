"""Recording credit movements exactly once, keeping the balance equal to the ledger."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain import credits
from neighborshare.domain.credits import CreditKind, CreditTransaction
from neighborshare.domain.errors import NotFound
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.ports.unit_of_work import UnitOfWork


def record(uow: UnitOfWork, user: User, tx: CreditTransaction) -> bool:
    """Apply ``tx`` unless its key was already recorded; True if it moved the balance."""
    if user.balance + tx.amount < 0:  # a refusal, unless this movement was recorded before
        if uow.credits.has_key(tx.key):
            return False
        credits.apply(user, tx)  # raises NotEnoughCredits; nothing was written
    if not uow.credits.add_once(tx):  # one statement: insert unless the key exists
        return False
    credits.apply(user, tx)
    uow.users.save(user)
    return True


def record_exchange_movement(
    uow: UnitOfWork, exchange: ExchangeRequest, kind: CreditKind, rules: Rules, now: datetime
) -> bool:
    tx = credits.exchange_movement(exchange, kind, rules, now)
    user = uow.users.get_for_update(tx.user_id)
    if user is None:
        raise NotFound("neighbor_gone")
    return record(uow, user, tx)
