"""Chat cards: the inline messages (inline mode) that show a dish, to keep them true.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "chat_cards",
        sa.Column("inline_message_id", sa.String(255), primary_key=True, autoincrement=False),
        sa.Column("post_id", ID, sa.ForeignKey("posts.id"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_chat_cards_post_id", "chat_cards", ["post_id"])


def downgrade() -> None:
    op.drop_index("ix_chat_cards_post_id", "chat_cards")
    op.drop_table("chat_cards")
