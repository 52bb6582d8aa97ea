"""Every update has its effects exactly once: redeliveries, outages and lost races."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import sqlalchemy as sa
from telegram import Update
from telegram.ext import TypeHandler

from tests.webhook.live import LiveBot, conversation, production_container, was_recorded
from tests.webhook.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.postgis, pytest.mark.redis]


def test_the_same_update_twice_has_one_effect(live: LiveBot, database_url: str) -> None:
    priya = live.neighbors.neighbor("priya")
    live.post(live.neighbors.text(priya, "/start"))
    name = live.neighbors.text(priya, "Priya")
    first, again = live.post(name), live.post(name)
    assert (first.status_code, again.status_code) == (200, 200)
    assert len(live.replies(priya)) == 2  # one answer to /start, one to the name
    session = conversation(database_url, priya.telegram_id)
    assert (session.step, session.data["name"]) == ("phone", "Priya")


@pytest.fixture
def proxy() -> Iterator[TcpProxy]:
    proxy = TcpProxy(("127.0.0.1", 5432))
    proxy.restore()
    yield proxy
    proxy.cut()


@pytest.fixture
def behind_proxy(database_url: str, proxy: TcpProxy) -> Iterator[LiveBot]:
    url = sa.make_url(database_url).set(port=proxy.port).render_as_string(hide_password=False)
    bot = LiveBot(production_container(url)).start()
    yield bot
    bot.stop()


def test_while_the_database_is_unreachable_updates_get_503_then_are_processed_once(
    behind_proxy: LiveBot, proxy: TcpProxy, database_url: str
) -> None:
    live = behind_proxy
    priya = live.neighbors.neighbor("priya")
    assert live.post(live.neighbors.text(priya, "/start")).status_code == 200

    proxy.cut()
    name = live.neighbors.text(priya, "Priya")
    assert live.post(name).status_code == 503  # Telegram will redeliver
    health = httpx.get(live.url + "/healthz")
    assert (health.status_code, health.json()) == (503, {"database": "unreachable",
                                                         "redis": "ok"})
    assert "neighborshare_database_up 0.0" in httpx.get(live.url + "/metrics").text

    proxy.restore()  # no restart of the app
    assert live.post(name).status_code == 200
    assert live.post(name).status_code == 200  # a late duplicate redelivery
    assert httpx.get(live.url + "/healthz").status_code == 200
    assert len(live.replies(priya)) == 2
    assert conversation(database_url, priya.telegram_id).step == "phone"
    assert was_recorded(database_url, name.update_id)


def test_losing_the_database_in_the_middle_of_an_update_commits_none_of_it(
    behind_proxy: LiveBot, proxy: TcpProxy, database_url: str
) -> None:
    live = behind_proxy
    priya = live.neighbors.neighbor("priya")
    assert live.post(live.neighbors.text(priya, "/start")).status_code == 200
    name = live.neighbors.text(priya, "Priya")

    cut_after_the_handler(live, proxy)  # it read the conversation and answered; no commit yet
    assert live.post(name).status_code == 503
    proxy.restore()
    assert conversation(database_url, priya.telegram_id).step == "name"  # nothing of it stayed
    assert not was_recorded(database_url, name.update_id)
    assert len(live.replies(priya)) == 1  # the answer of the attempt that failed was not sent

    assert live.post(name).status_code == 200
    assert live.post(name).status_code == 200
    session = conversation(database_url, priya.telegram_id)
    assert (session.step, session.data["name"]) == ("phone", "Priya")
    assert len(live.replies(priya)) == 2  # the name was answered once


def cut_after_the_handler(live: LiveBot, proxy: TcpProxy) -> None:
    """Pull the database away once, after the next update's handler ran, before its commit."""
    cut = [proxy.cut]

    async def cutting(_update: object, _context: object) -> None:
        if cut:
            cut.pop()()

    live.runtime.ptb.add_handler(TypeHandler(Update, cutting), group=99)
