"""Conversation state kept through the session repository: read and written on every update."""

from __future__ import annotations

from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.transactions import in_transaction, in_update_transaction, read_only


class ConversationStore:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow_factory
        self._clock = clock

    def load(self, telegram_id: int) -> ConversationSession | None:
        """The neighbor's live conversation; an idle one past its expiry counts as none."""
        return self._live(read_only(self._uow, lambda uow: uow.sessions.get(telegram_id)))

    def load_with_user(self, telegram_id: int) -> tuple[ConversationSession | None, User | None]:
        """The conversation and the neighbor's profile, read in one transaction."""

        def work(uow: UnitOfWork) -> tuple[ConversationSession | None, User | None]:
            if in_update_transaction():
                return self.load_locked(uow, telegram_id)
            session = uow.sessions.get(telegram_id)
            return self._live(session), uow.users.get_by_telegram_id(telegram_id)

        return read_only(self._uow, work)

    def load_locked(
        self, uow: UnitOfWork, telegram_id: int
    ) -> tuple[ConversationSession | None, User | None]:
        """Inside one update's transaction: the conversation, locked so that two updates of
        the same chat on two replicas take turns instead of overwriting each other, and the
        neighbor's profile, in one read."""
        session, user = uow.sessions.get_for_update_with_user(telegram_id)
        return self._live(session), user

    def _live(self, session: ConversationSession | None) -> ConversationSession | None:
        """``session``, unless it sat idle past its expiry (then it counts as none)."""
        if session is None or session.is_expired(self._clock.now()):
            return None
        return session

    def save(self, session: ConversationSession) -> None:
        def work(uow: UnitOfWork) -> None:
            uow.sessions.save(session)

        in_transaction(self._uow, work)

    def clear(self, telegram_id: int) -> None:
        in_transaction(self._uow, lambda uow: uow.sessions.delete(telegram_id))
