"""PostgreSQL's CPU time over a stretch of a bench, read from /proc on this machine.

``postgres_ticks()`` before, ``PostgresCpu.since(before, url)`` after: the CPU seconds every
``postgres`` process spent in between (a process that exited meanwhile is missed, one that
started is counted whole), and the part of it spent by the backends connected to ``url``'s
database (the bench's own connections, without PostgreSQL's background writers and without
anyone else's queries on the same server).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa


@dataclass(frozen=True)
class PostgresCpu:
    all_s: float
    bench_db_s: float

    @classmethod
    def since(cls, before: dict[int, int], url: str) -> PostgresCpu | None:
        after = postgres_ticks()
        if after is None:
            return None
        spent = {pid: max(0, ticks - before.get(pid, 0)) for pid, ticks in after.items()}
        ours = backends_of(url)
        per_s = os.sysconf("SC_CLK_TCK")
        return cls(sum(spent.values()) / per_s,
                   sum(ticks for pid, ticks in spent.items() if pid in ours) / per_s)

    @classmethod
    def sum(cls, parts: Iterable[PostgresCpu]) -> PostgresCpu:
        listed = list(parts)
        return cls(sum(p.all_s for p in listed), sum(p.bench_db_s for p in listed))


def postgres_ticks() -> dict[int, int] | None:
    """utime + stime, in clock ticks, of every process named ``postgres``; None where /proc
    can't be read or shows no PostgreSQL."""
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return None
    ticks: dict[int, int] = {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                line = stat.read()
        except OSError:  # gone, or not ours to read
            continue
        name_ends = line.rindex(")")
        if line[line.index("(") + 1:name_ends] == "postgres":
            fields = line[name_ends + 2:].split()  # fields[0] is field 3 (state) of proc(5)
            ticks[pid] = int(fields[11]) + int(fields[12])  # utime (14) + stime (15)
    return ticks or None


def backends_of(url: str) -> set[int]:
    engine = sa.create_engine(url, poolclass=sa.NullPool)
    try:
        with engine.connect() as connection:
            return set(connection.scalars(sa.text(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
            )))
    finally:
        engine.dispose()
