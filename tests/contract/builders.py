"""Small builders for the contract suites: valid entities with overridable fields."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.users import User
from neighborshare.domain.values import Location, PhoneHash, PickupWindow
from neighborshare.ports.unit_of_work import UnitOfWork

NOON = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
CENTRE = Location(51.5074, -0.1278)
PEPPER = b"contract-tests"


def north_of(origin: Location, metres: float) -> Location:
    return Location(origin.latitude + metres / 111_195.0, origin.longitude)


def user(n: int, **fields: Any) -> User:
    values: dict[str, Any] = {
        "telegram_id": 1000 + n,
        "preferred_name": f"Neighbor {n}",
        "phone": PhoneHash.of(f"+4477009{n:05d}", PEPPER),
        "apartment": f"{n}A",
        "location": CENTRE,
        "created_at": NOON,
    }
    return User(**(values | fields))


def post(sharer_id: int, **fields: Any) -> FoodPost:
    values: dict[str, Any] = {
        "sharer_id": sharer_id,
        "name": "Dal",
        "portions": 3,
        "window": PickupWindow(NOON + timedelta(hours=1), NOON + timedelta(hours=3)),
        "location": CENTRE,
        "created_at": NOON,
    }
    return FoodPost(**(values | fields))


def exchange(post: FoodPost, requester_id: int, **fields: Any) -> ExchangeRequest:
    assert post.id is not None
    values: dict[str, Any] = {
        "post_id": post.id,
        "requester_id": requester_id,
        "sharer_id": post.sharer_id,
        "portions": 1,
        "created_at": NOON,
    }
    return ExchangeRequest(**(values | fields))


def add_users(uow_factory: Any, count: int) -> list[int]:
    """``count`` committed neighbors; their ids."""
    with uow_factory() as uow:
        ids = [uow.users.add(user(n)).id for n in range(1, count + 1)]
        uow.commit()
    return ids


def committed(uow_factory: Any, work: Any) -> Any:
    """Run ``work(uow)`` in its own committed unit of work; its result."""
    uow: UnitOfWork
    with uow_factory() as uow:
        result = work(uow)
        uow.commit()
    return result
