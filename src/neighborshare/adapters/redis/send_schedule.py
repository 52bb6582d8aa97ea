"""Telegram's sending limits kept across every process that shares a bot token, in Redis.

Each send reserves a moment: no earlier than the chat's next allowed moment (one a second per
chat) and no earlier than the bot's next global slot (slots 1/30 s apart). The caller sleeps
until its moment. Times are integer microseconds on one shared clock. If Redis is unreachable
the process falls back to its own ``Throttle``, which keeps the same limits for itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import redis

from neighborshare.adapters.redis.client import UNREACHABLE, Outage
from neighborshare.adapters.telegram.throttle import Throttle

RESERVE = """
local now, gap, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local at = math.max(now, tonumber(redis.call('GET', KEYS[1]) or '0'),
                    tonumber(redis.call('GET', KEYS[2]) or '0'))
local ahead_ms = math.floor((at - now) / 1000)
redis.call('SET', KEYS[1], string.format('%.0f', at + gap), 'PX', ahead_ms + 60000)
local chat_ms = ahead_ms + 2000 + math.floor(interval / 1000)
redis.call('SET', KEYS[2], string.format('%.0f', at + interval), 'PX', chat_ms)
return at
"""
HOLD = """
local hold_to = tonumber(ARGV[1])
if hold_to > tonumber(redis.call('GET', KEYS[1]) or '0') then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', math.floor(tonumber(ARGV[2]) / 1000) + 1000)
end
return hold_to
"""
MICRO = 1_000_000


class RedisSendSchedule:
    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "ns:send:",
        per_second: int = 30,
        chat_interval: float = 1.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._reserve = client.register_script(RESERVE)
        self._hold = client.register_script(HOLD)
        self._prefix = prefix
        # Rounded up: 30 slots of 33,333 us would fit 31 sends into one second.
        self._gap, self._interval = -(-MICRO // per_second), int(chat_interval * MICRO)
        self._clock, self._sleep = clock, sleep
        self._local = Throttle(per_second, chat_interval, clock, sleep)
        self._outage = Outage("throttling Telegram sends per process", monotonic=clock)

    def wait_turn(self, chat_id: int) -> None:
        if self._outage.skipping():
            self._local.wait_turn(chat_id)
            return
        now = self._now()
        keys = [f"{self._prefix}bot", f"{self._prefix}chat:{chat_id}"]
        try:
            at = int(self._reserve(keys=keys, args=[now, self._gap, self._interval]))
        except UNREACHABLE as error:
            self._outage.failed(error)
            self._local.wait_turn(chat_id)
            return
        if at > now:
            self._sleep((at - now) / MICRO)

    def hold_chat(self, chat_id: int, seconds: float) -> None:
        self._local.hold_chat(chat_id, seconds)
        until = self._now() + int(seconds * MICRO)
        if self._outage.skipping():
            return
        try:
            self._hold(keys=[f"{self._prefix}chat:{chat_id}"], args=[until, int(seconds * MICRO)])
        except UNREACHABLE as error:
            self._outage.failed(error)

    def _now(self) -> int:
        return int(self._clock() * MICRO)
