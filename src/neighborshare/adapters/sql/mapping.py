"""The data mapper for users, posts and exchanges: plain domain objects <-> table rows."""

from __future__ import annotations

from typing import Any

from neighborshare.adapters.sql import codes
from neighborshare.domain.exchanges import ExchangeRequest, ExchangeStatus
from neighborshare.domain.posts import FoodPost, PostStatus
from neighborshare.domain.users import Role, User, UserStatus
from neighborshare.domain.values import Location, PhoneHash, PickupWindow

Row = Any  # a SQLAlchemy Row (attribute access by column name)


def user_values(user: User) -> dict[str, Any]:
    return {
        "telegram_id": user.telegram_id,
        "preferred_name": user.preferred_name,
        "phone_digest": user.phone.digest,
        "phone_last_two": user.phone.last_two,
        "apartment": user.apartment,
        "latitude": user.location.latitude,
        "longitude": user.location.longitude,
        "created_at": user.created_at,
        "diet_mask": codes.diet_mask(user.diet_restrictions),
        "allergen_mask": codes.allergen_mask(user.allergies),
        "custom_allergies": user.custom_allergies,
        "role": user.role.value,
        "status": user.status.value,
        "suspended_until": user.suspended_until,
        "balance": user.balance,
        "notifications_enabled": user.notifications_enabled,
        "reachable": user.reachable,
        "updated_at": user.updated_at,
        "alert_radius_m": user.alert_radius_m,
        "quiet_start_minute": user.quiet_start_minute,
        "quiet_end_minute": user.quiet_end_minute,
        "language": user.language,
        "telegram_language": user.telegram_language,
        "erased_at": user.erased_at,
        "daily_digest": user.daily_digest,
        "weekly_digest": user.weekly_digest,
    }


def user_from(row: Row) -> User:
    return User(
        telegram_id=row.telegram_id,
        preferred_name=row.preferred_name,
        phone=PhoneHash(row.phone_digest, row.phone_last_two),
        apartment=row.apartment,
        location=Location(row.latitude, row.longitude),
        created_at=row.created_at,
        diet_restrictions=codes.diet_tags_of(row.diet_mask),
        allergies=codes.allergens_of(row.allergen_mask),
        custom_allergies=row.custom_allergies,
        role=Role(row.role),
        status=UserStatus(row.status),
        suspended_until=row.suspended_until,
        balance=row.balance,
        notifications_enabled=row.notifications_enabled,
        reachable=row.reachable,
        updated_at=row.updated_at,
        alert_radius_m=row.alert_radius_m,
        quiet_start_minute=row.quiet_start_minute,
        quiet_end_minute=row.quiet_end_minute,
        language=row.language,
        telegram_language=row.telegram_language,
        erased_at=row.erased_at,
        daily_digest=row.daily_digest,
        weekly_digest=row.weekly_digest,
        id=row.id,
    )


def post_values(post: FoodPost) -> dict[str, Any]:
    return {
        "sharer_id": post.sharer_id,
        "name": post.name,
        "description": post.description,
        "portions": post.portions,
        "portions_reserved": post.portions_reserved,
        "window_start": post.window.start,
        "window_end": post.window.end,
        "latitude": post.location.latitude,
        "longitude": post.location.longitude,
        "created_at": post.created_at,
        "allergen_mask": codes.allergen_mask(post.allergens),
        "diet_mask": codes.diet_mask(post.diet_tags),
        "photo_ref": post.photo_ref,
        "photo_file_id": post.photo_file_id,
        "status": post.status.value,
    }


def post_from(row: Row) -> FoodPost:
    return FoodPost(
        sharer_id=row.sharer_id,
        name=row.name,
        portions=row.portions,
        window=PickupWindow(row.window_start, row.window_end),
        location=Location(row.latitude, row.longitude),
        created_at=row.created_at,
        allergens=codes.allergens_of(row.allergen_mask),
        diet_tags=codes.diet_tags_of(row.diet_mask),
        description=row.description,
        photo_ref=row.photo_ref,
        photo_file_id=row.photo_file_id,
        status=PostStatus(row.status),
        portions_reserved=row.portions_reserved,
        id=row.id,
    )


EXCHANGE_FIELDS = (
    "post_id",
    "requester_id",
    "sharer_id",
    "portions",
    "created_at",
    "responded_at",
    "pickup_confirmed_at",
    "completed_at",
    "closed_at",
    "reminded_at",
    "pickup_prompted_at",
)


def exchange_values(exchange: ExchangeRequest) -> dict[str, Any]:
    values = {name: getattr(exchange, name) for name in EXCHANGE_FIELDS}
    return values | {"status": exchange.status.value}


def exchange_from(row: Row) -> ExchangeRequest:
    fields = {name: getattr(row, name) for name in EXCHANGE_FIELDS}
    return ExchangeRequest(**fields, status=ExchangeStatus(row.status), id=row.id)
