"""Small lookups every use case shares: load-or-refuse."""

from __future__ import annotations

from neighborshare.domain.errors import NotAModerator, NotFound
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.users import User
from neighborshare.ports.unit_of_work import UnitOfWork


def user_or_refuse(uow: UnitOfWork, user_id: int, *, lock: bool = False) -> User:
    user = uow.users.get_for_update(user_id) if lock else uow.users.get(user_id)
    if user is None:
        raise NotFound("no_such_neighbor", user=user_id)
    return user


def post_or_refuse(uow: UnitOfWork, post_id: int, *, lock: bool = False) -> FoodPost:
    post = uow.posts.get_for_update(post_id) if lock else uow.posts.get(post_id)
    if post is None:
        raise NotFound("no_such_dish")
    return post


def exchange_or_refuse(uow: UnitOfWork, exchange_id: int, *, lock: bool = False) -> ExchangeRequest:
    exchange = uow.exchanges.get_for_update(exchange_id) if lock else uow.exchanges.get(exchange_id)
    if exchange is None:
        raise NotFound("no_such_exchange")
    return exchange


def moderator_or_refuse(uow: UnitOfWork, user_id: int) -> User:
    user = uow.users.get(user_id)
    if user is None or not user.is_moderator or user.status.value == "banned":
        raise NotAModerator()
    return user
