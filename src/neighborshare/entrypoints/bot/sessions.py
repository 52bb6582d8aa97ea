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
        session = read_only(self._uow, lambda uow: uow.sessions.get(telegram_id))
        if session is None or session.is_expired(self._clock.now()):
            return None
        return session

    def load_with_user(self, telegram_id: int) -> tuple[ConversationSession | None, User | None]:
        """The conversation and the neighbor's profile, read in one transaction."""

        def work(uow: UnitOfWork) -> tuple[ConversationSession | None, User | None]:
            # Inside one update's transaction, lock the conversation so that two updates of
            # the same chat on two replicas take turns instead of overwriting each other.
            if in_update_transaction():
                return uow.sessions.get_for_update_with_user(telegram_id)
            return uow.sessions.get(telegram_id), uow.users.get_by_telegram_id(telegram_id)

        session, user = read_only(self._uow, work)
        if session is not None and session.is_expired(self._clock.now()):
            session = None
        return session, user

    def save(self, session: ConversationSession) -> None:
        def work(uow: UnitOfWork) -> None:
            uow.sessions.save(session)

        in_transaction(self._uow, work)

    def clear(self, telegram_id: int) -> None:
        in_transaction(self._uow, lambda uow: uow.sessions.delete(telegram_id))
