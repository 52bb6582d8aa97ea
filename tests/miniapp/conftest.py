"""Fixtures: the Mini App's world and the webhook app (with its Mini App routes) under test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient

from neighborshare.entrypoints.webhook.app import create_app
from tests.miniapp.world import MiniAppWorld, build_world


@pytest.fixture
def world() -> MiniAppWorld:
    return build_world()


@pytest.fixture
def client(world: MiniAppWorld) -> Iterator[TestClient]:
    app = create_app(world.runtime.webhook_parts([b"secret"], None))
    with TestClient(app) as test_client:
        yield test_client
