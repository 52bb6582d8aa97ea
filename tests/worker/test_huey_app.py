"""One Huey per process, chosen by profile; the TaskQueue port and the `worker` command."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from huey import MemoryHuey, RedisHuey, SqliteHuey
from huey.serializer import SignedSerializer
from pydantic import SecretStr

from neighborshare.adapters.huey.app import build_huey
from neighborshare.adapters.huey.queue import HueyTaskQueue
from neighborshare.adapters.huey.tasks import ON_DEMAND
from neighborshare.entrypoints.cli import main
from neighborshare.entrypoints.worker import huey_app
from neighborshare.entrypoints.worker.cli import build_consumer
from neighborshare.entrypoints.worker.jobs import JOBS
from neighborshare.entrypoints.worker.tasks import ON_DEMAND as WORKER_ON_DEMAND
from neighborshare.settings import Profile, Settings
from tests.worker.conftest import MakeWorld
from tests.worker.scenario import build


def settings(profile: Profile, **values: object) -> Settings:
    return Settings(profile=profile, _env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(autouse=True)
def unbound() -> Iterator[None]:
    yield
    huey_app.bind(None)


def test_production_uses_redis_with_signed_payloads_and_refuses_no_secret() -> None:
    secret = SecretStr("s3cret-signing-key")
    huey = build_huey(settings(Profile.PRODUCTION, huey_secret=secret))
    assert isinstance(huey, RedisHuey) and isinstance(huey.serializer, SignedSerializer)
    other = build_huey(settings(Profile.PRODUCTION, huey_secret=SecretStr("not-it!!")))
    signed = huey.serializer.serialize({"task": "drain_outbox"})
    assert huey.serializer.deserialize(signed) == {"task": "drain_outbox"}
    with pytest.raises(ValueError, match="mismatch"):
        other.serializer.deserialize(signed)  # a forged or foreign payload is refused
    with pytest.raises(ValueError, match="HUEY_SECRET"):
        build_huey(settings(Profile.PRODUCTION))


def test_embedded_uses_sqlite_at_the_configured_path_and_tests_run_immediately(
    tmp_path: Path,
) -> None:
    embedded = build_huey(settings(Profile.EMBEDDED, huey_path=tmp_path / "q.db"))
    assert isinstance(embedded, SqliteHuey)
    assert embedded.storage.filename == str(tmp_path / "q.db")
    memory = build_huey(settings(Profile.MEMORY))
    assert isinstance(memory, MemoryHuey) and memory.immediate


def test_the_task_queue_drains_the_outbox_through_the_bound_container(
    make_world: MakeWorld,
) -> None:
    world = make_world("memory")
    huey_app.bind(world.container, build_huey(settings(Profile.MEMORY)))
    build(world, pairs=1)
    queue = HueyTaskQueue(world.container.settings())
    queue.enqueue("drain_outbox")
    queue.enqueue("no_such_task")  # a hint only: logged, never raised
    assert [(m.chat_id, "asked for" in m.html) for m in world.notifier.sent] == [(100, True)]


def test_a_task_queued_by_a_process_without_the_worker_runs_on_the_worker(
    make_world: MakeWorld, tmp_path: Path
) -> None:
    world = make_world("sqlite")
    embedded = settings(Profile.EMBEDDED, huey_path=tmp_path / "q.db")
    build(world, pairs=1)
    HueyTaskQueue(embedded).enqueue("drain_outbox")  # nothing bound: this process only queues
    worker = build_huey(embedded)
    huey_app.bind(world.container, worker)
    [task] = worker.pending()  # found under the key the worker registered
    worker.execute(task, timestamp=task.eta)  # as the consumer does once the delay is over
    assert [m.chat_id for m in world.notifier.sent] == [100]


def test_the_worker_runs_every_task_a_service_may_ask_for() -> None:
    assert set(WORKER_ON_DEMAND) == ON_DEMAND


def test_every_job_is_scheduled_and_the_worker_command_is_listed(tmp_path: Path) -> None:
    huey = build_huey(settings(Profile.EMBEDDED, huey_path=tmp_path / "q.db"))
    huey_app.bind(None, huey)
    periodic = {task.name for task in huey._registry.periodic_tasks}
    assert {job.name for job in JOBS} <= {name.rsplit(".", 1)[-1] for name in periodic}
    result = CliRunner().invoke(main, ["worker", "--help"])
    assert result.exit_code == 0
    assert "--no-periodic" in result.output and "--workers" in result.output


def test_the_consumer_takes_workers_and_periodic_from_the_command_line(tmp_path: Path) -> None:
    embedded = settings(Profile.EMBEDDED, huey_path=tmp_path / "q.db")
    consumer = build_consumer(embedded, workers=3, periodic=False)
    assert (consumer.workers, consumer.periodic) == (3, False)
    result = CliRunner().invoke(main, ["worker", "--workers", "0"])
    assert result.exit_code != 0 and "--workers" in result.output
    with pytest.raises(click.ClickException, match="HUEY_SECRET"):
        build_consumer(settings(Profile.PRODUCTION), workers=1, periodic=True)
    with pytest.raises(click.ClickException, match="embedded or production"):
        build_consumer(settings(Profile.MEMORY), workers=1, periodic=True)


def test_a_real_consumer_runs_a_queued_drain_on_the_embedded_profile(
    make_world: MakeWorld, tmp_path: Path
) -> None:
    world = make_world("sqlite")
    embedded = settings(Profile.EMBEDDED, huey_path=tmp_path / "q.db")
    consumer = build_consumer(embedded, workers=1, periodic=False)
    huey_app.bind(world.container, consumer.huey)
    build(world, pairs=2)
    HueyTaskQueue(embedded).enqueue("drain_outbox")
    consumer.start()
    try:
        deadline = time.monotonic() + 20
        while len(world.notifier.sent) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        consumer.stop(graceful=True)
    assert sorted(m.chat_id for m in world.notifier.sent) == [100, 101]


@pytest.mark.redis
def test_production_queue_signs_tasks_on_redis_and_shrugs_off_an_outage(tmp_path: Path) -> None:
    from tests.support.redis_server import PrivateRedis

    redis = PrivateRedis(tmp_path)
    redis.start()
    try:
        secret = SecretStr("s3cret-signing-key")
        production = settings(Profile.PRODUCTION, redis_url=redis.url, huey_secret=secret)
        HueyTaskQueue(production).enqueue("drain_outbox")
        huey = huey_app.get_huey()
        [task] = huey.pending()  # the consumer holds it back until its eta
        assert task.name == "drain_outbox" and task.eta is not None
        forger = build_huey(
            settings(Profile.PRODUCTION, redis_url=redis.url, huey_secret=SecretStr("guessed!"))
        )
        assert forger.pending() == []  # a worker with another key refuses these payloads
    finally:
        redis.stop()
    HueyTaskQueue(production).enqueue("drain_outbox")  # Redis is gone: logged, not raised
