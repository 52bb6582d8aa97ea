"""Appointing the community's very first moderator, which no moderator can do for us."""

from __future__ import annotations

from neighborshare.domain.errors import NotAllowed
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.users import Role, User, UserStatus
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import user_or_refuse
from neighborshare.services.transactions import in_transaction, notify


class FirstModeratorService:
    """Allowed only while no active moderator exists; audited with no actor (the operator)."""

    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow_factory
        self._clock = clock

    def appoint(self, user_id: int, reason: str) -> User:
        return in_transaction(self._uow, lambda uow: self._appoint(uow, user_id, reason))

    def _appoint(self, uow: UnitOfWork, user_id: int, reason: str) -> User:
        if has_moderator(uow):
            raise NotAllowed("moderator_exists")
        user = user_or_refuse(uow, user_id, lock=True)
        if user.status is UserStatus.BANNED:
            raise NotAllowed("banned_cannot_moderate")
        user.role = Role.MODERATOR
        uow.users.save(user)
        text = " ".join(reason.split())[:500] or "first moderator"
        now = self._clock.now()
        uow.audit.add(AuditEntry(None, "promote", "user", user_id, text, now, {"bootstrap": True}))
        key = f"user:{user_id}:role:moderator:{now.isoformat()}"
        notify(uow, user_id, "role_changed", {"role": "moderator"}, now, key)
        return user


def has_moderator(uow: UnitOfWork) -> bool:
    """Any neighbor who is not banned holds the moderator role (a one-off scan, not a hot path)."""
    for user_id in uow.users.all_ids():
        user = uow.users.get(user_id)
        if user is not None and user.is_moderator:
            return True
    return False
