"""The TaskQueue port on Huey: Redis in production, SQLite embedded, immediate in tests."""
