"""SQL adapters (SQLAlchemy Core + a data mapper) for SQLite and PostgreSQL/PostGIS."""
