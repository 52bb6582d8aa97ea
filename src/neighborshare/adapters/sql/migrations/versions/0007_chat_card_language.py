"""The language a chat card was posted in (inline mode), so that its edits read the same.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("chat_cards", sa.Column("language", sa.String(16), nullable=True))


def downgrade() -> None:
    op.drop_column("chat_cards", "language")
