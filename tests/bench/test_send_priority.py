"""bench/send_priority.py's stand-in Telegram enforces the limits, and its last line's form."""

from __future__ import annotations

import re

import httpx
from bench.send_priority import Arrival, Sent, StandIn, stand_in_telegram, summary


def test_the_stand_in_refuses_a_31st_message_in_a_second_and_a_second_one_to_a_chat():
    with stand_in_telegram() as (stand_in, base):
        def send(chat_id: int) -> int:
            return httpx.post(f"{base}/bot1:x/sendMessage",
                              data={"chat_id": str(chat_id), "text": "hi"}).status_code

        assert send(1) == 200 and send(1) == 429  # over HTTP, as PTB posts: the chat's second
        assert len(stand_in.arrivals) == 1 and len(stand_in.refusals) == 1
    many = StandIn()
    assert [many.message(chat, "hi")[0] for chat in range(31)] == [200] * 30 + [429]
    fresh = StandIn()
    assert fresh.message(1, "a")[0] == 200
    status, answer = fresh.message(1, "b")
    assert status == 429 and answer["parameters"] == {"retry_after": 1}


def test_the_last_line_reads_as_the_issue_asks():
    stand_in = StandIn(started=0.0)
    stand_in.arrivals = [Arrival(10.0, 5, "request_accepted 7"), Arrival(10.2, 30_000_001, "hi"),
                         Arrival(11.0, 6, "daily_digest 1"), Arrival(12.0, 8, "daily_digest 2")]
    sent = Sent(exchanges={7: 9.5}, replies={30_000_001: 10.0, 30_000_002: 10.0})
    line = summary(stand_in, sent, digests=3)
    assert re.fullmatch(r"transactional p99 0\.50 s; replies p99 0\.20 s; digests 1\.0 msg/s; "
                        r"lost 2; 429s after warm-up 0", line), line
