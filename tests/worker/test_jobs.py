"""`run_due_jobs`: a day in the neighborhood with the clock moved by hand, as `<wait>` does."""

from __future__ import annotations

import json
import logging
from datetime import timedelta

import pytest

from neighborshare.entrypoints.worker.jobs import run_due_jobs
from neighborshare.observability.logging import JsonFormatter, Redactor
from tests.worker.conftest import MakeWorld
from tests.worker.scenario import build, snapshot


def texts(world, chat_id: int) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.html for m in world.notifier.to(chat_id)]


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_reminder_pickup_check_and_auto_complete_come_due_in_turn(
    make_world: MakeWorld, backend: str
) -> None:
    world = make_world(backend)
    hood = build(world, pairs=1, accept=True)
    sharer, requester = 100, 200
    world.clock.advance(timedelta(minutes=40))
    run_due_jobs(world.container)
    assert not any("Reminder" in t for t in texts(world, requester))
    world.clock.advance(timedelta(minutes=6))  # 14 minutes before the window
    run_due_jobs(world.container)
    run_due_jobs(world.container)
    assert sum("Reminder" in t for t in texts(world, requester)) == 1
    assert sum("Reminder" in t for t in texts(world, sharer)) == 1
    world.clock.advance(timedelta(hours=1, minutes=15))  # the window is over
    run_due_jobs(world.container)
    assert sum("Did the pickup" in t for t in texts(world, sharer)) == 1
    check = next(m for m in world.notifier.to(sharer) if "Did the pickup" in m.html)
    assert "x:ns:" in str(check.buttons)  # the sharer may say no-show
    world.clock.advance(timedelta(hours=23))
    run_due_jobs(world.container)
    assert snapshot(world, hood)["exchanges"] == {1: ("accepted", True, True)}
    world.clock.advance(timedelta(hours=1, minutes=1))  # 24 h after the window
    run_due_jobs(world.container)
    state = snapshot(world, hood)
    assert state["exchanges"] == {1: ("completed", True, True)}
    assert state["balances"] == {hood.sharers[0]: 5 + 1, hood.requesters[0]: 5 - 1}
    assert sum("How did it go" in t for t in texts(world, requester)) == 1


def test_unanswered_requests_and_posts_expire_with_refunds_and_word_to_both(
    make_world: MakeWorld,
) -> None:
    world = make_world("memory")
    hood = build(world, pairs=2)
    world.clock.advance(timedelta(hours=2))
    handled = run_due_jobs(world.container)
    assert handled["expire_overdue"] == 2  # two posts, each taking its request with it
    state = snapshot(world, hood)
    assert set(state["balances"].values()) == {5}
    for i in range(2):
        assert sum("wasn't answered in time" in t for t in texts(world, 200 + i)) == 1
        assert sum("has expired" in t for t in texts(world, 100 + i)) == 1
    assert run_due_jobs(world.container)["expire_overdue"] == 0


def test_metrics_are_one_json_line_per_five_minutes(
    make_world: MakeWorld, caplog: pytest.LogCaptureFixture
) -> None:
    world = make_world("memory")
    build(world, pairs=2, accept=True)
    caplog.set_level(logging.INFO, logger="neighborshare.business")
    for _ in range(4):
        run_due_jobs(world.container)
        world.clock.advance(timedelta(minutes=2))
    records = [r for r in caplog.records if getattr(r, "log_type", "") == "business_metrics"]
    assert len(records) == 2  # at 0, 2, 4 and 6 minutes: two five-minute slots
    line = json.loads(JsonFormatter(Redactor()).format(records[0]))
    assert line["log_type"] == "business_metrics" and line["metric_type"] == "food_exchange"
    assert line["neighbors"] == 4 and line["exchanges_open"] == 2
    assert line["posts_created"] == 2
    assert line["outbox_backlog"] == 6  # 4 messages and the fan-outs of 2 posts, all undone


@pytest.mark.parametrize("backend", ["memory", "sqlite"])
def test_idle_conversations_are_cleaned_up_and_live_ones_kept(
    make_world: MakeWorld, backend: str
) -> None:
    from neighborshare.domain.sessions import ConversationSession

    world = make_world(backend)
    now, idle = world.clock.now(), timedelta(minutes=30)
    with world.uow() as uow:
        uow.sessions.save(ConversationSession.start(1, "share", "name", now, idle))
        uow.sessions.save(ConversationSession.start(2, "share", "name", now, idle))
        uow.commit()
    world.clock.advance(timedelta(minutes=20))
    with world.uow() as uow:
        session = uow.sessions.get(2)
        session.touch(world.clock.now(), idle)
        uow.sessions.save(session)
        uow.commit()
    world.clock.advance(timedelta(minutes=15))
    assert run_due_jobs(world.container)["clean_sessions"] == 1
    with world.uow() as uow:
        assert uow.sessions.get(1) is None and uow.sessions.get(2) is not None
