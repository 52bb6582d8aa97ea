"""Community groups: Telegram groups an admin linked to a place and radius (/linkgroup), where
new dishes nearby are announced, with the day's count kept against the daily cap.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "community_groups",
        sa.Column("chat_id", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("title", sa.String(255), nullable=False),
        sa.Column("latitude", sa.Float, nullable=False),
        sa.Column("longitude", sa.Float, nullable=False),
        sa.Column("radius_m", sa.Integer, nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("linked_by", sa.BigInteger, nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("announced_on", sa.Date),
        sa.Column("announced_that_day", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("community_groups")
