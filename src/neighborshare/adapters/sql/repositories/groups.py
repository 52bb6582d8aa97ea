"""The SQL community groups: linked Telegram groups, their place, radius and daily count."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql.records import community_groups
from neighborshare.adapters.sql.session import SqlSession
from neighborshare.domain.groups import CommunityGroup
from neighborshare.domain.values import Location

# a degree of latitude is ~111 km everywhere; of longitude, less away from the equator
_METRES_PER_DEGREE = 111_320.0


class SqlCommunityGroupRepository:
    def __init__(self, session: SqlSession) -> None:
        self._s = session

    def get(self, chat_id: int) -> CommunityGroup | None:
        return self._one(sa.select(community_groups).where(community_groups.c.chat_id == chat_id))

    def get_for_update(self, chat_id: int) -> CommunityGroup | None:
        statement = sa.select(community_groups).where(community_groups.c.chat_id == chat_id)
        return self._one(statement.with_for_update())

    def save(self, group: CommunityGroup) -> None:
        values = _values(group)
        table = community_groups
        found = self._s.execute(sa.update(table).where(table.c.chat_id == group.chat_id)
                                .values(values))
        if found.rowcount == 0:
            self._s.execute(sa.insert(table).values(chat_id=group.chat_id, **values))

    def remove(self, chat_id: int) -> bool:
        table = community_groups
        return bool(self._s.execute(sa.delete(table).where(table.c.chat_id == chat_id)).rowcount)

    def all(self) -> list[CommunityGroup]:
        c = community_groups.c
        statement = sa.select(community_groups).order_by(c.linked_at, c.chat_id)
        return [_group(row) for row in self._s.execute(statement)]

    def covering(self, location: Location) -> list[CommunityGroup]:
        """A box around the point as wide as the widest radius allowed, then each circle."""
        c = community_groups.c
        widest = self._s.execute(sa.select(sa.func.max(c.radius_m))).scalar()
        if widest is None:
            return []
        degrees = float(widest) / _METRES_PER_DEGREE
        box = sa.and_(c.latitude.between(location.latitude - degrees,
                                         location.latitude + degrees))
        statement = sa.select(community_groups).where(box).order_by(c.linked_at, c.chat_id)
        found = (_group(row) for row in self._s.execute(statement))
        return [group for group in found if group.covers(location)]

    def _one(self, statement: Any) -> CommunityGroup | None:
        row = self._s.execute(statement).first()
        return _group(row) if row is not None else None


def _values(group: CommunityGroup) -> dict[str, Any]:
    return {"title": group.title, "latitude": group.location.latitude,
            "longitude": group.location.longitude, "radius_m": group.radius_m,
            "language": group.language, "linked_by": group.linked_by,
            "linked_at": group.linked_at, "announced_on": group.announced_on,
            "announced_that_day": group.announced_that_day}


def _group(row: Any) -> CommunityGroup:
    return CommunityGroup(
        int(row.chat_id), str(row.title), Location(float(row.latitude), float(row.longitude)),
        int(row.radius_m), str(row.language), int(row.linked_by), row.linked_at,
        row.announced_on, int(row.announced_that_day),
    )
