"""The storage backends the CLI tests run on: memory always, SQL ones once available."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container, memory_container

BACKENDS = ["memory"]


def build_container(
    backend: str, clock: FixedClock, request: pytest.FixtureRequest
) -> Iterator[Container]:
    if backend == "memory":
        yield memory_container(clock=clock)
        return
    raise AssertionError(f"unknown backend {backend}")
