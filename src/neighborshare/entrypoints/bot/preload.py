"""What every update needs before and after its handler, done by the thread that holds the
update's transaction: one hop to a thread per update instead of one per step.

The update processor (webhook and polling) runs PTB's handling inside ``TurnPreloader.around``,
after recording the update id and before committing: it reads the neighbor's rate decision,
conversation (locked) and profile first, and writes the conversation back last. In between, the
rate-limit gate and ``Turn`` find those here instead of fetching them, and ``Turn`` leaves the
conversation's write-back here. Updates fed to ``process_update`` without a processor (tests,
``neighborshare chat``) have no preload, and the handlers fetch and write as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from telegram import Update

from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User
from neighborshare.entrypoints.bot.chats import Kind
from neighborshare.entrypoints.bot.sessions import ConversationStore
from neighborshare.ports.services import RateDecision, RateLimiter
from neighborshare.ports.unit_of_work import UnitOfWork


def rate_key(telegram_id: int) -> str:
    return f"bot:{telegram_id}"


@dataclass
class Preloaded:
    telegram_id: int
    rate: RateDecision
    session: ConversationSession | None
    user: User | None
    # what Turn.close decided: write this conversation back, or forget it (``ended``)
    write_back: ConversationSession | None = None
    ended: bool = False
    used: set[str] = field(default_factory=set)

    def take(self, what: str) -> bool:
        """True the first time ``what`` is asked for: a preload serves one turn only."""
        if what in self.used:
            return False
        self.used.add(what)
        return True


_current: ContextVar[Preloaded | None] = ContextVar("preloaded_turn", default=None)


def preloaded_for(telegram_id: int) -> Preloaded | None:
    found = _current.get()
    return found if found is not None and found.telegram_id == telegram_id else None


class TurnPreloader:
    def __init__(
        self,
        rate_limiter: RateLimiter,
        updates_per_minute: int,
        store: ConversationStore,
        classify: Callable[[Update], Kind],
    ) -> None:
        self._limiter = rate_limiter
        self._limit = updates_per_minute
        self._store = store
        self._classify = classify

    @contextmanager
    def around(self, uow: UnitOfWork, update: Update) -> Iterator[None]:
        """Preload for ``update`` in ``uow``; on a clean exit, write the conversation back."""
        user = update.effective_user
        kind = self._classify(update)
        if user is None or not kind.counted:  # ignored: not counted, nothing locked
            yield
            return
        if kind is Kind.PRIVATE:
            loaded = self._prepare(uow, user.id)
        else:  # a group command: counted, but no conversation runs in a group
            loaded = Preloaded(user.id, self._limiter.hit(rate_key(user.id), self._limit, 60),
                               None, None)
        token = _current.set(loaded)
        try:
            yield
        finally:
            _current.reset(token)
        self._finish(uow, loaded)

    def _prepare(self, uow: UnitOfWork, telegram_id: int) -> Preloaded:
        rate = self._limiter.hit(rate_key(telegram_id), self._limit, 60)
        session, user = self._store.load_locked(uow, telegram_id)
        return Preloaded(telegram_id, rate, session, user)

    @staticmethod
    def _finish(uow: UnitOfWork, loaded: Preloaded) -> None:
        if loaded.write_back is not None:
            uow.sessions.save(loaded.write_back)
        elif loaded.ended:
            uow.sessions.delete(loaded.telegram_id)
