"""The ledger's invariants, checked over whatever neighbors and dishes a test made."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from neighborshare.domain.credits import CreditKind
from neighborshare.domain.exchanges import RESERVING_STATUSES, ExchangeStatus
from neighborshare.ports.unit_of_work import UnitOfWork

EXCHANGE_KINDS = {CreditKind.REQUEST_HOLD, CreditKind.HOLD_RELEASE, CreditKind.PORTION_REWARD,
                  CreditKind.FIVE_STAR_BONUS}


def assert_books_balance(uow: UnitOfWork, user_ids: Iterable[int], post_ids: Iterable[int]) -> None:
    """Every balance is its ledger's sum and never negative, the ledger's total is every
    balance's, each exchange-linked movement happened at most once and as the exchange's state
    says, and a dish's reserved portions are those its exchanges hold."""
    users = [uow.users.get(u) for u in set(user_ids)]
    assert all(u is not None for u in users)
    ledger = [tx for u in users if u and u.id for tx in uow.credits.history(u.id, 100_000)]
    assert uow.credits.total() == sum(tx.amount for tx in ledger) == sum(
        u.balance for u in users if u)
    for user in users:
        assert user is not None and user.balance >= 0
        assert user.balance == sum(tx.amount for tx in ledger if tx.user_id == user.id), user.id
    linked = Counter((tx.exchange_id, tx.kind) for tx in ledger if tx.exchange_id)
    assert set(linked.values()) <= {1}, linked
    for post_id in set(post_ids):
        post, exchanges = uow.posts.get(post_id), uow.exchanges.for_post(post_id)
        assert post is not None
        held = sum(e.portions for e in exchanges if e.status in RESERVING_STATUSES)
        assert 0 <= post.portions_reserved == held <= post.portions, post_id
        for exchange in exchanges:
            kinds = {kind for (x, kind) in linked if x == exchange.id}
            assert CreditKind.REQUEST_HOLD in kinds
            assert (CreditKind.HOLD_RELEASE in kinds) == exchange.refunds_hold
            assert (CreditKind.PORTION_REWARD in kinds) == (
                exchange.status is ExchangeStatus.COMPLETED)
            assert kinds <= EXCHANGE_KINDS
