"""Text expressions that give the same answers as the Python in the memory adapter."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from neighborshare.adapters.sql.session import SqlSession


def lowered(session: SqlSession, text: Any) -> Any:
    # SQLite's lower() only folds ASCII; ns_lower is Python's str.lower (see engine.py).
    return sa.func.lower(text) if session.is_postgres else sa.func.ns_lower(text)


def contains(session: SqlSession, text: Any, needle: Any) -> Any:
    """Whether lowered ``text`` contains ``needle`` (already lowered), with no LIKE wildcards."""
    position = sa.func.strpos if session.is_postgres else sa.func.instr
    return position(lowered(session, text), needle) > 0


def canonical_int(text: str) -> int | None:
    """The integer whose str() is exactly ``text``, if there is one."""
    try:
        number = int(text)
    except ValueError:
        return None
    return number if str(number) == text else None
