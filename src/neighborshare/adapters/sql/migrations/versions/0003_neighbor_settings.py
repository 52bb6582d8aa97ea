"""A neighbor's own settings (alert radius, quiet hours, digests, language) and erasure.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
# NULL means "the community's default" (Rules), so a change of default reaches everyone who
# never chose; minutes are past local midnight, start == end means no quiet hours at all.
NULLABLE: dict[str, Any] = {
    "alert_radius_m": sa.Integer(),
    "quiet_start_minute": sa.Integer(),
    "quiet_end_minute": sa.Integer(),
    "language": sa.String(16),
    "erased_at": TS,
}
FLAGS = ("daily_digest", "weekly_digest")


def upgrade() -> None:
    for name, kind in NULLABLE.items():
        op.add_column("users", sa.Column(name, kind, nullable=True))
    for flag in FLAGS:
        op.add_column(
            "users", sa.Column(flag, sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    for name in (*FLAGS, *reversed(NULLABLE)):
        op.drop_column("users", name)
