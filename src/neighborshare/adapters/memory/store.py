"""A transactional in-memory store: committed tables plus a per-transaction identity map."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MemoryStore:
    """Committed state shared by every unit of work; one writer at a time, like SQLite."""

    tables: dict[str, dict[Any, Any]] = field(default_factory=dict)
    sequences: dict[str, int] = field(default_factory=dict)
    lock: threading.RLock = field(default_factory=threading.RLock)

    def table(self, name: str) -> dict[Any, Any]:
        return self.tables.setdefault(name, {})

    def next_id(self, name: str) -> int:
        self.sequences[name] = self.sequences.get(name, 0) + 1
        return self.sequences[name]


class Transaction:
    """Working copies of the rows this unit of work touched; written back on commit only."""

    def __init__(self, store: MemoryStore) -> None:
        self.store = store
        self.reset()

    def reset(self) -> None:
        """Forget every uncommitted change."""
        store = self.store
        self._loaded: dict[tuple[str, Any], Any] = {}
        self._dirty: dict[tuple[str, Any], Any] = {}
        self._deleted: set[tuple[str, Any]] = set()
        self._sequences = dict(store.sequences)

    def next_id(self, name: str) -> int:
        self._sequences[name] = self._sequences.get(name, 0) + 1
        return self._sequences[name]

    def load(self, name: str, key: Any) -> Any:
        if (name, key) in self._deleted:
            return None
        if (name, key) not in self._loaded:
            row = self.store.table(name).get(key)
            if row is None:
                return None
            self._loaded[(name, key)] = copy.deepcopy(row)
        return self._loaded[(name, key)]

    def rows(self, name: str) -> Iterator[Any]:
        """Every row as this transaction sees it (its own writes included)."""
        keys = set(self.store.table(name)) | {k for (n, k) in self._dirty if n == name}
        for key in sorted(keys, key=_sort_key):
            row = (
                self.load(name, key) if (name, key) not in self._dirty else self._dirty[(name, key)]
            )
            if row is not None:
                yield row

    def put(self, name: str, key: Any, row: Any) -> None:
        self._deleted.discard((name, key))
        self._loaded[(name, key)] = row
        self._dirty[(name, key)] = row

    def delete(self, name: str, key: Any) -> None:
        self._dirty.pop((name, key), None)
        self._loaded.pop((name, key), None)
        self._deleted.add((name, key))

    def snapshot(self) -> tuple[Any, ...]:
        # one deepcopy keeps the sharing between the identity map and the pending writes
        return copy.deepcopy((self._loaded, self._dirty, self._deleted, self._sequences))

    def restore(self, snapshot: tuple[Any, ...]) -> None:
        self._loaded, self._dirty, self._deleted, self._sequences = copy.deepcopy(snapshot)

    def commit(self) -> None:
        for (name, key), row in self._dirty.items():
            self.store.table(name)[key] = copy.deepcopy(row)
        for name, key in self._deleted:
            self.store.table(name).pop(key, None)
        self.store.sequences.update(self._sequences)
        self._dirty.clear()
        self._deleted.clear()


def _sort_key(key: Any) -> tuple[str, Any]:
    return (type(key).__name__, key)
