"""Chat cards a community group was sent (announcements): kept by chat and message id, so
that they follow the dish as inline cards do.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("chat_cards", sa.Column("chat_id", sa.BigInteger, nullable=True))
    op.add_column("chat_cards", sa.Column("message_id", sa.BigInteger, nullable=True))


def downgrade() -> None:
    op.drop_column("chat_cards", "message_id")
    op.drop_column("chat_cards", "chat_id")
