"""Registering neighbors through the services, for adapter tests that need a few."""

from __future__ import annotations

from datetime import UTC, datetime

from neighborshare.container import Container
from neighborshare.domain.users import User
from neighborshare.domain.values import Location

CENTRE = Location(51.5074, -0.1278)
NOON = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)  # 12:00 in London: outside quiet hours


def register(app: Container, telegram_id: int, name: str) -> User:
    from neighborshare.services.users import Registration

    phone = app.auth().hash(f"+4477009000{telegram_id:02d}")
    return app.users().register(Registration(telegram_id, name, phone, "4B", CENTRE)).user
