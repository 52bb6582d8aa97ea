"""`neighborshare worker`: a Huey consumer, with the periodic scheduler unless told otherwise."""

from __future__ import annotations

import click
from huey.consumer import Consumer

from neighborshare.adapters.huey.app import build_huey
from neighborshare.entrypoints.worker.huey_app import bind
from neighborshare.entrypoints.worker.tasks import worker_container
from neighborshare.settings import Profile, Settings


def build_consumer(settings: Settings, workers: int, periodic: bool) -> Consumer:
    if settings.profile is Profile.MEMORY:
        raise click.ClickException(
            "The worker needs the embedded or production profile: memory is per process."
        )
    try:
        huey = build_huey(settings)
    except ValueError as error:  # a missing signing secret: say so, no traceback
        raise click.ClickException(str(error)) from error
    bind(worker_container(), huey)
    return huey.create_consumer(workers=workers, worker_type="thread", periodic=periodic)


@click.command(help="Run the background worker (outbox, sweeps, digests).")
@click.option("--workers", "-w", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--no-periodic",
    is_flag=True,
    help="Run queued tasks only; leave the schedule to one other worker.",
)
@click.option(
    "--metrics-port", type=click.IntRange(1, 65535), default=None,
    help="Serve Prometheus metrics (sends by class and result, outbox gauges) on this port.",
)
def worker(workers: int, no_periodic: bool, metrics_port: int | None) -> None:
    from neighborshare.container import check_ready_to_serve, check_schema
    from neighborshare.observability.logging import configure, secrets_of

    settings = worker_container().settings()
    configure(settings.log_format, settings.log_dir, secrets=secrets_of(settings))
    try:
        check_ready_to_serve(settings)
        check_schema(settings)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    if metrics_port is not None:
        serve_metrics(metrics_port)
    consumer = build_consumer(settings, workers, periodic=not no_periodic)
    consumer.run()


def serve_metrics(port: int) -> None:
    """Count every message the worker's notifier sends, and expose that with the outbox's
    gauges on ``port``."""
    from dependency_injector import providers

    from neighborshare.observability.counting import CountingNotifier
    from neighborshare.observability.metrics import Metrics, serve

    container, metrics = worker_container(), Metrics()
    counting = CountingNotifier(container.notifier(), metrics)
    container.notifier.override(providers.Object(counting))
    metrics.watch_database(container.uow_factory(), container.clock())
    serve(metrics, port)
