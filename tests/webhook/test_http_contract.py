"""The webhook over real HTTP: who may post, what it refuses, health and metrics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.redis_server import PrivateRedis
from tests.webhook.live import (
    SECRET,
    SECRET_HEADER,
    LiveBot,
    production_container,
    was_recorded,
)

pytestmark = [pytest.mark.postgis, pytest.mark.redis]


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET[:-1], SECRET + "x"])
def test_a_missing_or_forged_secret_is_refused_and_nothing_is_processed(
    live: LiveBot, database_url: str, secret: str | None
) -> None:
    priya = live.neighbors.neighbor("priya")
    update = live.neighbors.text(priya, "/start")
    response = live.post(update, secret=secret)
    assert response.status_code == 403
    assert live.replies(priya) == []
    assert not was_recorded(database_url, update.update_id)


def test_the_secret_is_checked_before_the_body_is_read(live: LiveBot) -> None:
    response = httpx.post(live.url + "/telegram/webhook", content=b"{not json",
                          headers={SECRET_HEADER: "wrong"})
    assert response.status_code == 403


def test_other_methods_are_not_allowed(live: LiveBot) -> None:
    for method in ("GET", "PUT", "DELETE"):
        response = httpx.request(method, live.url + "/telegram/webhook",
                                 headers={SECRET_HEADER: SECRET})
        assert response.status_code == 405


def test_a_body_over_one_megabyte_is_refused(live: LiveBot) -> None:
    big = b'{"update_id": 1, "pad": "' + b"x" * (1024 * 1024) + b'"}'
    declared = httpx.post(live.url + "/telegram/webhook", content=big,
                          headers={SECRET_HEADER: SECRET, "Content-Type": "application/json"})
    assert declared.status_code == 413

    def chunks():  # no Content-Length: the limit must hold while streaming
        for start in range(0, len(big), 64 * 1024):
            yield big[start:start + 64 * 1024]

    streamed = httpx.post(live.url + "/telegram/webhook", content=chunks(),
                          headers={SECRET_HEADER: SECRET})
    assert streamed.status_code == 413


def test_a_body_that_is_not_an_update_is_a_bad_request(live: LiveBot) -> None:
    for body in (b"{not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}'):
        response = httpx.post(live.url + "/telegram/webhook", content=body,
                              headers={SECRET_HEADER: SECRET})
        assert response.status_code == 400, body


def test_health_reports_the_database_and_redis(live: LiveBot) -> None:
    response = httpx.get(live.url + "/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "ok"}


def test_metrics_count_updates_by_type_and_outcome(live: LiveBot) -> None:
    priya = live.neighbors.neighbor("priya")
    update = live.neighbors.text(priya, "/start")
    assert live.post(update).status_code == 200
    assert live.post(update).status_code == 200
    assert live.post(update, secret="wrong").status_code == 403
    text = httpx.get(live.url + "/metrics").text
    assert 'neighborshare_updates_total{outcome="processed",type="message"} 1.0' in text
    assert 'neighborshare_updates_total{outcome="duplicate",type="message"} 1.0' in text
    assert 'neighborshare_updates_total{outcome="forbidden",type="unknown"} 1.0' in text
    assert 'neighborshare_update_seconds_count{type="message"} 2.0' in text
    assert "neighborshare_database_up 1.0" in text
    assert 'neighborshare_exchanges{state="pending"} 0.0' in text
    assert "neighborshare_outbox_backlog 0.0" in text
    assert 'neighborshare_sends_total{class="reply",result="sent"}' in text  # /start's answer
    assert 'neighborshare_outbox_due{class="digest"} 0.0' in text
    assert 'neighborshare_outbox_oldest_due_seconds{class="exchange"} 0.0' in text
    assert "neighborshare_outbox_failed 0.0" in text


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    redis = PrivateRedis(tmp_path)
    redis.start()
    yield redis
    redis.stop()


def test_with_redis_down_health_says_so_and_updates_are_still_processed(
    database_url: str, private_redis: PrivateRedis
) -> None:
    live = LiveBot(production_container(database_url, private_redis.url)).start()
    try:
        private_redis.stop()
        health = httpx.get(live.url + "/healthz")
        assert (health.status_code, health.json()) == (503, {"database": "ok",
                                                             "redis": "unreachable"})
        priya = live.neighbors.neighbor("priya")
        assert live.post(live.neighbors.text(priya, "/start")).status_code == 200
        assert len(live.replies(priya)) == 1  # the rate limiter lets traffic through
    finally:
        live.stop()
