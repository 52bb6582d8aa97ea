"""A started process settles: start-up's objects frozen out of full collections, and its
threads' switch interval shortened (entrypoints/gil.py)."""

from __future__ import annotations

import asyncio
import gc
import sys

import pytest

from neighborshare.entrypoints import gil, heap
from neighborshare.entrypoints.webhook.app import WebhookParts
from neighborshare.entrypoints.webhook.cli import settled_after_startup


def test_settling_freezes_what_start_up_left() -> None:
    gc.unfreeze()
    try:
        survivor = [{"started": True}]  # a long-lived object, as start-up makes
        heap.settle()
        assert gc.get_freeze_count() > 0
        assert not any(obj is survivor for obj in gc.get_objects())  # out of the collector's sight
    finally:
        gc.unfreeze()  # the test process goes on collecting as before


def test_a_bot_server_hands_the_gil_over_within_a_millisecond() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # CPython's default
        gil.hand_over_sooner()
        assert sys.getswitchinterval() == pytest.approx(0.001)
    finally:
        sys.setswitchinterval(before)


def test_the_webhook_server_settles_after_its_own_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps: list[str] = []

    async def start_up() -> None:
        steps.append("start-up")

    async def shut_down() -> None:
        steps.append("shut down")

    monkeypatch.setattr(heap, "settle", lambda: steps.append("settled"))
    monkeypatch.setattr(gil, "hand_over_sooner", lambda: steps.append("gil"))
    parts = WebhookParts(processor=None, metrics=None, health=dict,  # type: ignore[arg-type]
                         secrets=[b"s"], startup=start_up, shutdown=shut_down)
    settled = settled_after_startup(parts)
    asyncio.run(settled.startup())
    assert steps == ["start-up", "settled", "gil"]
    assert settled.shutdown is shut_down and parts.startup is start_up
