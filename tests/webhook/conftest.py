"""Fixtures for the webhook tests: a throwaway PostGIS database and a live webhook server."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.databases import empty_postgis_database, postgis_url  # noqa: F401
from tests.webhook.live import LiveBot, production_container


@pytest.fixture
def database_url(postgis_url: str) -> str:  # noqa: F811
    empty_postgis_database(postgis_url)
    return postgis_url


@pytest.fixture
def live(database_url: str) -> Iterator[LiveBot]:
    bot = LiveBot(production_container(database_url)).start()
    yield bot
    bot.stop()
