"""Root test configuration: options shared by every suite (fixtures live beside their tests)."""

from __future__ import annotations

import pytest

BACKENDS = ("memory", "sqlite")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        action="append",
        choices=BACKENDS,
        help="storage backend(s) for the BDD features; default: all of " + ", ".join(BACKENDS),
    )


def selected_backends(config: pytest.Config) -> tuple[str, ...]:
    chosen = config.getoption("--backend")
    return tuple(chosen) if chosen else BACKENDS
