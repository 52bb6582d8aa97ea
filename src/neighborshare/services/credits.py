"""A neighbor's credit balance and history."""

from __future__ import annotations

from dataclasses import dataclass

from neighborshare.domain.credits import CreditTransaction
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import user_or_refuse
from neighborshare.services.transactions import read_only


@dataclass(frozen=True, slots=True)
class Statement:
    balance: int
    recent: tuple[CreditTransaction, ...]


class CreditService:
    def __init__(self, uow_factory: UnitOfWorkFactory) -> None:
        self._uow = uow_factory

    def statement(self, user_id: int, limit: int = 10) -> Statement:
        def work(uow: UnitOfWork) -> Statement:
            user = user_or_refuse(uow, user_id)
            return Statement(user.balance, tuple(uow.credits.history(user_id, limit)))

        return read_only(self._uow, work)

    def balance(self, user_id: int) -> int:
        """The balance alone: no history read (a reply that shows only the new balance)."""
        return read_only(self._uow, lambda uow: user_or_refuse(uow, user_id).balance)
