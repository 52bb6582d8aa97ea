"""The outbox's send classes (replies, exchanges, alerts, digests) and messages that failed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

UNSENT = sa.text("sent_at IS NULL")
WAITING = sa.text("sent_at IS NULL AND failed_at IS NULL")
# Rows already queued get their class from their kind (domain/sending.py's send_class).
CLASS_OF_KIND = """
    UPDATE outbox SET priority = CASE
        WHEN kind = 'reply' THEN 0
        WHEN kind IN ('new_post', 'new_post_fan_out') THEN 2
        WHEN kind IN ('daily_digest', 'weekly_digest') THEN 3
        ELSE 1 END"""


def upgrade() -> None:
    op.add_column("outbox", sa.Column("priority", sa.SmallInteger(), nullable=False,
                                      server_default="1"))
    op.add_column("outbox", sa.Column("refusals", sa.Integer(), nullable=False,
                                      server_default="0"))
    op.add_column("outbox", sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("outbox", sa.Column("last_error", sa.Text(), nullable=True))
    op.execute(CLASS_OF_KIND)
    op.drop_index("ix_outbox_due", "outbox")
    # claim_due: waiting rows by class, then due time; failed rows leave the index.
    op.create_index("ix_outbox_due", "outbox", ["priority", "available_at"],
                    postgresql_where=WAITING, sqlite_where=WAITING)
    op.create_index("ix_outbox_failed", "outbox", ["failed_at"],
                    postgresql_where=sa.text("failed_at IS NOT NULL"),
                    sqlite_where=sa.text("failed_at IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_outbox_failed", "outbox")
    op.drop_index("ix_outbox_due", "outbox")
    op.create_index("ix_outbox_due", "outbox", ["available_at"],
                    postgresql_where=UNSENT, sqlite_where=UNSENT)
    for name in ("last_error", "failed_at", "refusals", "priority"):
        op.drop_column("outbox", name)
