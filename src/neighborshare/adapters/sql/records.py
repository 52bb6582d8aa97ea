"""Tables beside the core entities: reports, audit log, outbox, sessions, handled updates."""

from __future__ import annotations

import sqlalchemy as sa

from neighborshare.adapters.sql.tables import metadata
from neighborshare.adapters.sql.types import Document, Id, UtcDateTime

reports = sa.Table(
    "reports",
    metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("reported_id", Id, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("category", sa.String(32), nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("reporter_id", Id, sa.ForeignKey("users.id")),
    sa.Column("post_id", Id, sa.ForeignKey("posts.id")),
    sa.Column("exchange_id", Id, sa.ForeignKey("exchanges.id")),
    sa.Column("evidence_ref", sa.String(300)),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("moderator_id", Id, sa.ForeignKey("users.id")),
    sa.Column("resolution", sa.Text),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("resolved_at", UtcDateTime),
)

audit_log = sa.Table(
    "audit_log",
    metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("actor_id", Id),  # no foreign key: the log outlives whatever it mentions
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target_type", sa.String(32), nullable=False),
    sa.Column("target_id", sa.BigInteger, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("at", UtcDateTime, nullable=False),
    sa.Column("details", Document, nullable=False),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", Id, primary_key=True, autoincrement=True),
    sa.Column("recipient_id", Id, sa.ForeignKey("users.id"), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("payload", Document, nullable=False),
    sa.Column("dedupe_key", sa.String(300), nullable=False, unique=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("available_at", UtcDateTime, nullable=False),
    sa.Column("sent_at", UtcDateTime),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("priority", sa.SmallInteger, nullable=False, server_default="1"),
    sa.Column("refusals", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_at", UtcDateTime),
    sa.Column("last_error", sa.Text),
)

sessions = sa.Table(
    "conversation_sessions",
    metadata,
    sa.Column("telegram_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("flow", sa.String(64), nullable=False),
    sa.Column("step", sa.String(64), nullable=False),
    sa.Column("updated_at", UtcDateTime, nullable=False),
    sa.Column("expires_at", UtcDateTime, nullable=False),
    sa.Column("data", Document, nullable=False),
)

# a dish's card a neighbor posted into a chat with inline mode, kept to edit it as it changes
chat_cards = sa.Table(
    "chat_cards",
    metadata,
    sa.Column("inline_message_id", sa.String(255), primary_key=True, autoincrement=False),
    sa.Column("post_id", Id, sa.ForeignKey("posts.id"), nullable=False, index=True),
    sa.Column("created_at", UtcDateTime, nullable=False),
    sa.Column("language", sa.String(16), nullable=True),  # what its edits are written in
    # a group's announcement: the message in that chat (its key is "chat_id:message_id")
    sa.Column("chat_id", sa.BigInteger, nullable=True),
    sa.Column("message_id", sa.BigInteger, nullable=True),
)

# a Telegram group an admin linked to a place (/linkgroup): new dishes nearby announced there
community_groups = sa.Table(
    "community_groups",
    metadata,
    sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("title", sa.String(255), nullable=False),
    sa.Column("latitude", sa.Float, nullable=False),
    sa.Column("longitude", sa.Float, nullable=False),
    sa.Column("radius_m", sa.Integer, nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("linked_by", sa.BigInteger, nullable=False),
    sa.Column("linked_at", UtcDateTime, nullable=False),
    sa.Column("announced_on", sa.Date),
    sa.Column("announced_that_day", sa.Integer, nullable=False, server_default="0"),
)

telegram_updates = sa.Table(
    "telegram_updates",
    metadata,
    sa.Column("update_id", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("handled_at", UtcDateTime, nullable=False),
)
