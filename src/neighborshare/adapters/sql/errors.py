"""Turning database errors that mean "lost a race" into the domain's ConcurrencyConflict."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from neighborshare.domain.errors import ConcurrencyConflict

# unique violation, serialization failure, deadlock, lock not available
RETRYABLE_SQLSTATES = frozenset({"23505", "40001", "40P01", "55P03"})
RETRYABLE_SQLITE = frozenset(
    {
        "SQLITE_BUSY",
        "SQLITE_BUSY_SNAPSHOT",
        "SQLITE_LOCKED",
        "SQLITE_CONSTRAINT_UNIQUE",
        "SQLITE_CONSTRAINT_PRIMARYKEY",
    }
)


def is_retryable(error: exc.DBAPIError) -> bool:
    original = error.orig
    if getattr(original, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    if getattr(original, "sqlite_errorname", None) in RETRYABLE_SQLITE:
        return True
    return "database is locked" in str(original)


@contextmanager
def conflicts_as_domain_errors() -> Iterator[None]:
    """Re-raise retryable database errors as ConcurrencyConflict; let the rest through."""
    try:
        yield
    except exc.DBAPIError as error:
        if is_retryable(error):
            raise ConcurrencyConflict() from error
        raise
