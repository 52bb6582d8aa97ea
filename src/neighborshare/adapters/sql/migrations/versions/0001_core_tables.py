"""Core tables for both dialects, with the invariants as constraints.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the column types: a migration must not change when the app's types do.
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
TS = sa.DateTime(timezone=True)
DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _id() -> sa.Column[Any]:
    return sa.Column("id", ID, primary_key=True, autoincrement=True)


def _ref(name: str, target: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, ID, sa.ForeignKey(f"{target}.id"), nullable=nullable)


def _text(name: str, length: int | None = None, nullable: bool = False) -> sa.Column[Any]:
    kind = sa.String(length) if length else sa.Text()
    return sa.Column(name, kind, nullable=nullable)


def _place() -> list[sa.Column[Any]]:
    return [sa.Column(n, sa.Double(), nullable=False) for n in ("latitude", "longitude")]


def _int(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, sa.Integer(), nullable=nullable)


def _ts(name: str, nullable: bool = False) -> sa.Column[Any]:
    return sa.Column(name, TS, nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "users", _id(),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False, unique=True),
        _text("preferred_name", 80), sa.Column("phone_digest", sa.String(64), nullable=False,
        unique=True), _text("phone_last_two", 2), _text("apartment", 40), *_place(),
        _ts("created_at"), _int("diet_mask"), _int("allergen_mask"), _text("custom_allergies"),
        _text("role", 16), _text("status", 16), _ts("suspended_until", True), _int("balance"),
        sa.Column("notifications_enabled", sa.Boolean(), nullable=False),
        sa.Column("reachable", sa.Boolean(), nullable=False), _ts("updated_at", True),
        sa.CheckConstraint("balance >= 0", name="ck_users_balance_not_negative"),
    )  # fmt: skip
    op.create_table(
        "posts", _id(), _ref("sharer_id", "users"), _text("name", 200), _text("description"),
        _int("portions"), _int("portions_reserved"), _ts("window_start"), _ts("window_end"),
        *_place(), _ts("created_at"), _int("allergen_mask"), _int("diet_mask"),
        _text("photo_ref", 300, True), _text("photo_file_id", 300, True), _text("status", 16),
        sa.CheckConstraint("portions_reserved >= 0 AND portions_reserved <= portions",
                           name="ck_posts_reserved_within_portions"),
    )  # fmt: skip
    op.create_table(
        "exchanges", _id(), _ref("post_id", "posts"), _ref("requester_id", "users"),
        _ref("sharer_id", "users"), _int("portions"), _ts("created_at"), _text("status", 16),
        *(_ts(n, True) for n in ("responded_at", "pickup_confirmed_at", "completed_at",
                                 "closed_at", "reminded_at", "pickup_prompted_at")),
        sa.CheckConstraint("portions > 0", name="ck_exchanges_portions_positive"),
    )  # fmt: skip
    op.create_table(
        "ratings", _id(), _ref("exchange_id", "exchanges"), _ref("rater_id", "users"),
        _ref("rated_id", "users"), _int("interaction"), _int("food", True), _text("comment"),
        _ts("created_at"),
        sa.UniqueConstraint("exchange_id", "rater_id", name="uq_ratings_one_per_party"),
    )  # fmt: skip
    op.create_table(
        "credit_transactions", _id(), _ref("user_id", "users"), _int("amount"),
        _text("kind", 32), sa.Column("key", sa.String(200), nullable=False, unique=True),
        _ts("created_at"), _ref("exchange_id", "exchanges", True), _text("description"),
    )  # fmt: skip
    op.create_table(
        "reports", _id(), _ref("reported_id", "users"), _text("category", 32),
        _text("description"), _ts("created_at"), _ref("reporter_id", "users", True),
        _ref("post_id", "posts", True), _ref("exchange_id", "exchanges", True),
        _text("evidence_ref", 300, True), _text("status", 16), _ref("moderator_id", "users", True),
        _text("resolution", None, True), _text("note"), _ts("resolved_at", True),
    )  # fmt: skip
    op.create_table(
        "audit_log", _id(), sa.Column("actor_id", ID), _text("action", 64),
        _text("target_type", 32), sa.Column("target_id", sa.BigInteger(), nullable=False),
        _text("reason"), _ts("at"), sa.Column("details", DOC, nullable=False),
    )  # fmt: skip
    op.create_table(
        "outbox", _id(), _ref("recipient_id", "users"), _text("kind", 64),
        sa.Column("payload", DOC, nullable=False),
        sa.Column("dedupe_key", sa.String(300), nullable=False, unique=True),
        _ts("created_at"), _ts("available_at"), _ts("sent_at", True), _int("attempts"),
    )  # fmt: skip
    op.create_table(
        "conversation_sessions",
        sa.Column("telegram_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        _text("flow", 64), _text("step", 64), _ts("updated_at"), _ts("expires_at"),
        sa.Column("data", DOC, nullable=False),
    )  # fmt: skip
    op.create_table(
        "telegram_updates",
        sa.Column("update_id", sa.BigInteger(), primary_key=True, autoincrement=False),
        _ts("handled_at"),
    )


def downgrade() -> None:
    for table in (
        "telegram_updates", "conversation_sessions", "outbox", "audit_log", "reports",
        "credit_transactions", "ratings", "exchanges", "posts", "users",
    ):  # fmt: skip
        op.drop_table(table)
