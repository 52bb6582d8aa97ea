"""The schema as SQLAlchemy Core tables (the migrations build it; queries use these)."""

from __future__ import annotations

import sqlalchemy as sa

from neighborshare.adapters.sql.types import Id, UtcDateTime

metadata = sa.MetaData()


def _id() -> sa.Column[int]:
    return sa.Column("id", Id, primary_key=True, autoincrement=True)


def _user_fk(name: str, nullable: bool = False) -> sa.Column[int]:
    return sa.Column(name, Id, sa.ForeignKey("users.id"), nullable=nullable)


users = sa.Table(
    "users",
    metadata,
    _id(),
    sa.Column("telegram_id", sa.BigInteger, nullable=False, unique=True),
    sa.Column("preferred_name", sa.String(80), nullable=False),
    sa.Column("phone_digest", sa.String(64), nullable=False, unique=True),
    sa.Column("phone_last_two", sa.String(2), nullable=False),
    sa.Column("apartment", sa.String(40), nullable=False),
    sa.Column("latitude", sa.Double, nullable=False),
    sa.Column("longitude", sa.Double, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("diet_mask", sa.Integer, nullable=False),
    sa.Column("allergen_mask", sa.Integer, nullable=False),
    sa.Column("custom_allergies", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("suspended_until", UtcDateTime),
    sa.Column("balance", sa.Integer, nullable=False),
    sa.Column("notifications_enabled", sa.Boolean, nullable=False),
    sa.Column("reachable", sa.Boolean, nullable=False),
    sa.Column("updated_at", UtcDateTime),
    sa.Column("alert_radius_m", sa.Integer),
    sa.Column("quiet_start_minute", sa.Integer),
    sa.Column("quiet_end_minute", sa.Integer),
    sa.Column("language", sa.String(16)),
    sa.Column("telegram_language", sa.String(16)),
    sa.Column("erased_at", UtcDateTime),
    sa.Column("daily_digest", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("weekly_digest", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.CheckConstraint("balance >= 0", name="ck_users_balance_not_negative"),
)

posts = sa.Table(
    "posts",
    metadata,
    _id(),
    _user_fk("sharer_id"),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("portions", sa.Integer, nullable=False),
    sa.Column("portions_reserved", sa.Integer, nullable=False),
    sa.Column("window_start", UtcDateTime, nullable=False),
    sa.Column("window_end", UtcDateTime, nullable=False),
    sa.Column("latitude", sa.Double, nullable=False),
    sa.Column("longitude", sa.Double, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("allergen_mask", sa.Integer, nullable=False),
    sa.Column("diet_mask", sa.Integer, nullable=False),
    sa.Column("photo_ref", sa.String(300)),
    sa.Column("photo_file_id", sa.String(300)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.CheckConstraint(
        "portions_reserved >= 0 AND portions_reserved <= portions",
        name="ck_posts_reserved_within_portions",
    ),
)

exchanges = sa.Table(
    "exchanges",
    metadata,
    _id(),
    sa.Column("post_id", Id, sa.ForeignKey("posts.id"), nullable=False),
    _user_fk("requester_id"),
    _user_fk("sharer_id"),
    sa.Column("portions", sa.Integer, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    *(
        sa.Column(name, UtcDateTime)
        for name in (
            "responded_at",
            "pickup_confirmed_at",
            "completed_at",
            "closed_at",
            "reminded_at",
            "pickup_prompted_at",
        )
    ),
    sa.CheckConstraint("portions > 0", name="ck_exchanges_portions_positive"),
)

ratings = sa.Table(
    "ratings",
    metadata,
    _id(),
    sa.Column("exchange_id", Id, sa.ForeignKey("exchanges.id"), nullable=False),
    _user_fk("rater_id"),
    _user_fk("rated_id"),
    sa.Column("interaction", sa.Integer, nullable=False),
    sa.Column("food", sa.Integer),
    sa.Column("comment", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.UniqueConstraint("exchange_id", "rater_id", name="uq_ratings_one_per_party"),
)

credit_transactions = sa.Table(
    "credit_transactions",
    metadata,
    _id(),
    _user_fk("user_id"),
    sa.Column("amount", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("key", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("exchange_id", Id, sa.ForeignKey("exchanges.id")),
    sa.Column("description", sa.Text, nullable=False),
)
