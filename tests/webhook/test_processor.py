"""The update processor on the memory profile: lost races are retried as a whole update, and a
failed commit leaves nothing behind."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from dependency_injector import providers

from neighborshare.adapters.telegram.neighbors import OfflineNeighbors
from neighborshare.adapters.telegram.offline import OfflineBotApi
from neighborshare.container import memory_container
from neighborshare.domain.errors import ConcurrencyConflict
from neighborshare.entrypoints.webhook.processing import Outcome
from neighborshare.entrypoints.webhook.runtime import build_runtime


class FlakyUnitOfWork:
    """A real unit of work whose next begin, commit or savepoint fails with a queued error (a
    queued ``None`` lets one through); a ``committed`` error is raised after the commit went
    through (its acknowledgement lost)."""

    def __init__(self, inner: Any, failures: dict[str, list[BaseException | None]]) -> None:
        self._inner, self._failures = inner, failures

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __enter__(self) -> FlakyUnitOfWork:
        self._fail("begin")
        self._inner.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self._inner.__exit__(*exc_info)

    def commit(self) -> None:
        self._fail("commit")
        self._inner.commit()
        self._fail("committed")

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        self._fail("savepoint")
        with self._inner.savepoint():
            yield

    def _fail(self, where: str) -> None:
        if self._failures.get(where) and (error := self._failures[where].pop(0)):
            raise error


def run(
    failures: dict[str, list[BaseException | None]], texts: list[str], first_times: int = 2
) -> tuple[list[Outcome], Any]:
    """Post Priya's texts, the first one ``first_times`` times in a row; returns outcomes and
    the container."""
    container = memory_container()
    real = container.uow_factory()
    container.uow_factory.override(providers.Object(lambda: FlakyUnitOfWork(real(), failures)))
    api = OfflineBotApi()
    runtime = build_runtime(container, api)
    neighbors = OfflineNeighbors(api, runtime.ptb.bot)
    priya = neighbors.neighbor("priya")
    payloads = [neighbors.text(priya, text).to_dict() for text in texts]

    async def go() -> list[Outcome]:
        await runtime.start()
        try:
            deliveries = [payloads[0]] * first_times + payloads[1:]
            return [await runtime.processor.process(p) for p in deliveries]
        finally:
            await runtime.stop()

    return asyncio.run(go()), (container, priya, api)


def session_of(container: Any, telegram_id: int) -> Any:
    with container.uow_factory()() as uow:
        return uow.sessions.get(telegram_id)


def assert_answered_as_in(clean: Any, api: Any, priya: Any) -> None:
    """Priya got answers, and exactly those of the run without failures (``clean``)."""
    answered = [m.text for m in api.messages(priya.telegram_id)]
    assert answered and answered == [m.text for m in clean.messages(priya.telegram_id)]


def test_a_conflict_at_commit_retries_the_whole_update() -> None:
    outcomes, (container, priya, _) = run({"commit": [ConcurrencyConflict()]}, ["/start"])
    assert outcomes == [Outcome.PROCESSED, Outcome.DUPLICATE]
    assert session_of(container, priya.telegram_id).step == "name"


def test_a_conflict_a_handler_swallowed_still_retries_the_whole_update() -> None:
    outcomes, (container, priya, _) = run({"savepoint": [ConcurrencyConflict()]},
                                          ["/start", "Priya"])
    assert outcomes == [Outcome.PROCESSED, Outcome.DUPLICATE, Outcome.PROCESSED]
    assert session_of(container, priya.telegram_id).data["name"] == "Priya"


def test_a_failed_commit_leaves_nothing_and_the_redelivery_is_processed() -> None:
    outcomes, (container, priya, _) = run({"commit": [ConnectionError("database went away")]},
                                          ["/start"])
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.PROCESSED]
    assert session_of(container, priya.telegram_id).step == "name"


def test_a_failed_commit_s_redelivery_answers_once_with_its_own_answers() -> None:
    _, (_, priya, clean) = run({}, ["/start"])
    outcomes, (_, priya, api) = run({"commit": [ConnectionError("database went away")]},
                                    ["/start"])
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.PROCESSED]
    assert [m.text for m in api.messages(priya.telegram_id)] == [
        m.text for m in clean.messages(priya.telegram_id)]  # the kept answers were dropped


def test_a_commit_whose_acknowledgement_was_lost_is_answered_by_the_redelivery() -> None:
    _, (_, priya, clean) = run({}, ["/start"])
    outcomes, (container, priya, api) = run(
        {"committed": [ConnectionError("connection lost during COMMIT")]}, ["/start"])
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.DUPLICATE]  # the effects went in once
    assert session_of(container, priya.telegram_id).step == "name"
    assert_answered_as_in(clean, api, priya)


def test_a_lost_acknowledgement_is_answered_even_when_a_redelivery_meets_the_outage_first() -> None:
    _, (_, priya, clean) = run({}, ["/start"])
    outcomes, (container, priya, api) = run(
        {"committed": [ConnectionError("connection lost during COMMIT")],
         "begin": [None, ConnectionError("database still away")]}, ["/start"], first_times=3)
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.UNAVAILABLE, Outcome.DUPLICATE]
    assert session_of(container, priya.telegram_id).step == "name"
    assert_answered_as_in(clean, api, priya)


def test_conflicts_that_never_end_give_up_with_unavailable() -> None:
    outcomes, _ = run({"commit": [ConcurrencyConflict()] * 5}, ["/start"])
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.PROCESSED]


def test_handlers_join_the_update_transaction_so_an_unfinished_update_leaves_no_trace() -> None:
    down = [ConnectionError("database went away"), ConnectionError("still away")]
    outcomes, (container, priya, api) = run({"commit": down}, ["/start"])
    assert outcomes == [Outcome.UNAVAILABLE, Outcome.UNAVAILABLE]
    assert session_of(container, priya.telegram_id) is None
    assert api.messages(priya.telegram_id) == []  # answers wait for the commit: none went out
