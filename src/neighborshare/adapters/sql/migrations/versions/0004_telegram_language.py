"""The language a neighbor's Telegram app last spoke (its primary subtag), so that what is sent
to them later (notifications, digests) follows it when they chose none in /settings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("telegram_language", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "telegram_language")
