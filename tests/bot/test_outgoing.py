"""Answers held until the commit, then released in order, whatever fails on the way."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, RetryAfter

from neighborshare.entrypoints.bot import outgoing


class Calls:
    """Bot API calls that record themselves, and fail as told (first try only)."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def call(self, name: str, failure: Exception | None = None) -> outgoing.Call:
        failures = [failure] if failure is not None else []

        async def make() -> Any:
            self.made.append(name)
            if failures:
                raise failures.pop()
            return name

        return make


def test_without_holding_a_call_goes_out_at_once() -> None:
    calls = Calls()
    asyncio.run(outgoing.send(calls.call("hello")))
    assert calls.made == ["hello"]


def test_while_holding_calls_wait_and_are_released_in_order() -> None:
    calls, held = Calls(), outgoing.Held()

    async def answer() -> None:
        with outgoing.holding(held):
            await outgoing.send(calls.call("first"))
            await outgoing.send(calls.call("second"))
        assert calls.made == []  # nothing left before the commit
        assert await outgoing.release(held) == 0

    asyncio.run(answer())
    assert calls.made == ["first", "second"]


def test_a_failed_call_is_counted_and_the_rest_still_go_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls = Calls()
    held = outgoing.Held([
        calls.call("edit", BadRequest("Message is not modified: same content")),
        calls.call("to a blocker", Forbidden("Forbidden: bot was blocked by the user")),
        calls.call("refused", BadRequest("Can't parse entities")),
        calls.call("last"),
    ])
    assert asyncio.run(outgoing.release(held)) == 2  # "not modified" is no failure
    assert calls.made == ["edit", "to a blocker", "refused", "last"]
    assert "Forbidden" in caplog.text


def test_too_many_requests_waits_as_asked_and_tries_once_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    waited: list[float] = []

    async def sleep(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr(outgoing.asyncio, "sleep", sleep)
    calls = Calls()
    held = outgoing.Held([calls.call("busy", RetryAfter(2)), calls.call("very busy",
                                                                     RetryAfter(600))])
    assert asyncio.run(outgoing.release(held)) == 0
    assert calls.made == ["busy", "busy", "very busy", "very busy"]
    assert waited == [2, outgoing.MAX_RETRY_WAIT_S]


def test_a_call_made_after_the_release_goes_out_at_once_instead_of_being_lost() -> None:
    calls, held = Calls(), outgoing.Held()

    async def answer() -> None:
        with outgoing.holding(held):
            await outgoing.send(calls.call("answer"))
            await outgoing.release(held)
            await outgoing.send(calls.call("late"))  # e.g. from a task the handler started

    asyncio.run(answer())
    assert calls.made == ["answer", "late"]
