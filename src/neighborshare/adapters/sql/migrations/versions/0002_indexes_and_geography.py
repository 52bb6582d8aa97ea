"""Query indexes; geography columns with GiST indexes on PostGIS, plain ones on SQLite.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_posts_sharer_id": ("posts", ["sharer_id"]),
    "ix_posts_status_window_end": ("posts", ["status", "window_end"]),
    "ix_posts_created_at": ("posts", ["created_at"]),
    "ix_exchanges_requester_status": ("exchanges", ["requester_id", "status"]),
    "ix_exchanges_sharer_id": ("exchanges", ["sharer_id"]),
    "ix_exchanges_post_id": ("exchanges", ["post_id"]),
    "ix_exchanges_status": ("exchanges", ["status"]),
    "ix_ratings_rated_id": ("ratings", ["rated_id"]),
    "ix_credit_transactions_user_id": ("credit_transactions", ["user_id"]),
    "ix_reports_reported_id": ("reports", ["reported_id"]),
    "ix_reports_reporter_id": ("reports", ["reporter_id"]),
    "ix_reports_status": ("reports", ["status", "created_at"]),
    "ix_audit_log_actor_id": ("audit_log", ["actor_id"]),
    "ix_outbox_recipient_kind": ("outbox", ["recipient_id", "kind", "created_at"]),
    "ix_conversation_sessions_expires_at": ("conversation_sessions", ["expires_at"]),
}
UNSENT = sa.text("sent_at IS NULL")
ACTIVE = sa.text("status = 'active'")
# Generated from latitude/longitude, so the data mapper never writes it and it cannot drift.
POINT_OF = "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography"


def upgrade() -> None:
    for name, (table, columns) in INDEXES.items():
        op.create_index(name, table, columns)
    op.create_index(
        "ix_outbox_due", "outbox", ["available_at"], postgresql_where=UNSENT, sqlite_where=UNSENT
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgis_upgrade()
    else:
        op.create_index("ix_users_lat_lon", "users", ["latitude", "longitude"])
        op.create_index(
            "ix_posts_active_lat_lon", "posts", ["latitude", "longitude"], sqlite_where=ACTIVE
        )


def _postgis_upgrade() -> None:
    from geoalchemy2 import Geography

    op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    for table in ("users", "posts"):
        point = Geography(geometry_type="POINT", srid=4326, spatial_index=False)
        op.add_column(table, sa.Column("geog", point, sa.Computed(POINT_OF, persisted=True)))
    op.create_index("ix_users_geog", "users", ["geog"], postgresql_using="gist")
    # Browsing only ever looks at active posts: the index holds just those.
    op.create_index(
        "ix_posts_active_geog", "posts", ["geog"], postgresql_using="gist", postgresql_where=ACTIVE
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_posts_active_geog", "posts")
        op.drop_index("ix_users_geog", "users")
        op.drop_column("posts", "geog")
        op.drop_column("users", "geog")
    else:
        op.drop_index("ix_posts_active_lat_lon", "posts")
        op.drop_index("ix_users_lat_lon", "users")
    op.drop_index("ix_outbox_due", "outbox")
    for name, (table, _columns) in INDEXES.items():
        op.drop_index(name, table)
