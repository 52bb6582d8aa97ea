"""JSON for the domain objects kept in a cache: plain data driven by type hints, never pickle."""

from __future__ import annotations

import json
import types
from dataclasses import fields, is_dataclass
from datetime import datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def dumps(obj: Any) -> str:
    return json.dumps(_plain(obj), separators=(",", ":"), sort_keys=True)


def loads(cls: type[T], text: str) -> T:
    built: T = _build(cls, json.loads(text))
    return built


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


@cache
def _shape(kind: Any) -> tuple[dict[str, Any], frozenset[str]]:
    """A dataclass's field types and init fields, worked out once per class."""
    return get_type_hints(kind), frozenset(f.name for f in fields(kind) if f.init)


def _build(kind: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        return _build(next(a for a in get_args(kind) if a is not type(None)), data)
    if origin in (frozenset, set, tuple, list):
        return origin(_build(get_args(kind)[0], item) for item in data)
    if isinstance(kind, type) and is_dataclass(kind):
        hints, known = _shape(kind)
        return kind(**{k: _build(hints[k], v) for k, v in data.items() if k in known})
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(data)
    if kind is datetime:
        return datetime.fromisoformat(data)
    if kind is float:
        return float(data)
    return data
