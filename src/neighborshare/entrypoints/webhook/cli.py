"""`neighborshare bot`: the webhook server (uvicorn) or, for a small community, long polling."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from typing import Any

import click

from neighborshare.settings import Settings


@click.command()
@click.option("--polling", is_flag=True,
              help="Fetch updates with getUpdates instead of serving a webhook (no public URL).")
@click.option("--miniapp/--no-miniapp", default=True, show_default=True,
              help="With --polling: serve the Mini App (the map) on --host and --port.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int, help="Port to listen on.")
@click.option("--register-webhook/--no-register-webhook", default=True, show_default=True,
              help="Give Telegram the webhook URL and secret at start-up (one replica is enough).")
@click.option("--offline-bot-api", is_flag=True,
              help="Answer Bot API calls locally instead of calling Telegram (benchmarks, trials).")
def bot(polling: bool, miniapp: bool, host: str, port: int, register_webhook: bool,
        offline_bot_api: bool) -> None:
    """Run the Telegram bot."""
    from neighborshare.container import Container, check_ready_to_serve, check_schema
    from neighborshare.observability.logging import configure, secrets_of

    container = Container()
    settings: Settings = container.settings()
    configure(settings.log_format, settings.log_dir, secrets=secrets_of(settings))
    if not offline_bot_api:
        _refuse_unless_ready(check_ready_to_serve, settings)
    _refuse_unless_ready(check_schema, settings)
    register = register_webhook and not offline_bot_api and not polling
    secrets = _webhook_secrets(settings, register) if not polling else []
    runtime = _runtime(container, offline_bot_api)
    if polling:
        asyncio.run(_poll(runtime, (host, port) if miniapp else None))
        return
    registration = _registration(runtime, settings) if register else None
    uvicorn_server(runtime.webhook_parts(secrets, registration), host, port).run()


def _refuse_unless_ready(check: Any, settings: Settings) -> None:
    try:
        check(settings)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None


def _runtime(container: Any, offline: bool) -> Any:
    from neighborshare.entrypoints.webhook.runtime import build_runtime

    if not offline:
        return build_runtime(container)
    from neighborshare.adapters.telegram.offline import SERVER_HISTORY, OfflineBotApi

    # updates arrive posted to the webhook: whoever wrote in private has started the bot
    return build_runtime(container, OfflineBotApi(history=SERVER_HISTORY, strangers_started=True))


def _webhook_secrets(settings: Settings, register: bool) -> list[bytes]:
    if settings.webhook_secret is None:
        raise click.ClickException("Set NEIGHBORSHARE_WEBHOOK_SECRET (see docs/operations.md).")
    if register and not settings.webhook_url:
        raise click.ClickException(
            "Set NEIGHBORSHARE_WEBHOOK_URL, or run with --no-register-webhook or --polling."
        )
    current = [settings.webhook_secret, settings.webhook_previous_secret]
    return [s.get_secret_value().encode() for s in current if s is not None]


def _registration(runtime: Any, settings: Settings) -> Any:
    assert settings.webhook_secret is not None
    assert settings.webhook_url is not None
    url, secret = settings.webhook_url, settings.webhook_secret.get_secret_value()

    async def register() -> None:
        await runtime.register_webhook(url, secret)

    return register


def uvicorn_server(parts: Any, host: str, port: int) -> Any:
    """A uvicorn server for the webhook app; our logging, our access log, no Server header."""
    import uvicorn

    from neighborshare.entrypoints.webhook.app import create_app

    config = uvicorn.Config(
        create_app(parts), host=host, port=port, log_config=None, access_log=False,
        lifespan="on", server_header=False, timeout_graceful_shutdown=10,
    )
    return uvicorn.Server(config)


async def _poll(runtime: Any, miniapp_at: tuple[str, int] | None) -> None:
    """Long polling; with ``miniapp_at`` (host, port) the Mini App is served there meanwhile."""
    from neighborshare.entrypoints.miniapp.server import miniapp_server, serving
    from neighborshare.entrypoints.webhook.polling import poll

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    await runtime.start()
    try:
        if miniapp_at is None:
            await poll(runtime, stop)
        else:
            server = miniapp_server(runtime.miniapp, *miniapp_at)
            await serving(server, stop, lambda: poll(runtime, stop))
    finally:
        await runtime.stop()
