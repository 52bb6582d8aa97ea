"""The send budget of a bot token in Redis, shared by every bot replica and worker using it.

The rules are those of ``domain.sending.SlotBook``, kept by one script so that booking a slot
is atomic across processes: slots of 1/30 s on one shared clock (integer microseconds), one
send a slot, one a second per chat, a reply booking the first free slot and every other class
only the next one, while no higher class is waiting, except in its share of the slots. The
caller sleeps until its slot. If Redis is unreachable the process falls back to its own
``Throttle``, which keeps the same rules for itself.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import redis

from neighborshare.adapters.redis.client import UNREACHABLE, Outage
from neighborshare.adapters.telegram.throttle import Throttle, wait_for_turn
from neighborshare.domain.sending import (
    REPLY_AHEAD_SLOTS,
    SHARE_EVERY,
    SHARED_BY,
    WANT_FRESH_SLOTS,
    SendClass,
)
from neighborshare.ports.services import Turn

# KEYS: booked slots (a sorted set), classes waiting (a hash: class -> when refused), the chat.
# ARGV: now, gap, chat interval, class, share every, reply ahead, fresh slots, shared classes.
RESERVE = """
local now, gap, interval = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local class, every = tonumber(ARGV[4]), tonumber(ARGV[5])
local ahead, fresh, shared = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local function n(x) return string.format('%.0f', x) end
local current = math.ceil(now / gap)
local first = math.max(current, math.ceil(tonumber(redis.call('GET', KEYS[3]) or '0') / gap))
local last = current
if class == 0 then last = first + ahead end
if first > last then return {0, n(math.max((first - 1) * gap - now, 1))} end
local waiting, higher = {}, false
local wanted = redis.call('HGETALL', KEYS[2])
for i = 1, #wanted, 2 do
  local c = tonumber(wanted[i])
  if tonumber(wanted[i + 1]) >= now - fresh * gap then
    waiting[c] = true
    if c < class then higher = true end
  end
end
for slot = first, last do
  if not redis.call('ZSCORE', KEYS[1], n(slot)) then
    local owner = nil
    if slot % every == 0 then owner = 1 + math.floor(slot / every) % shared end
    local ok = (owner == class) or not higher
    if owner and owner ~= class and waiting[owner] then ok = false end
    if ok then
      redis.call('ZADD', KEYS[1], n(slot), n(slot))
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', n(current - 1))
      redis.call('PEXPIRE', KEYS[1], math.floor((slot - current) * gap / 1000) + 60000)
      local chat_ms = math.floor((slot * gap + interval - now) / 1000) + 2000
      redis.call('SET', KEYS[3], n(slot * gap + interval), 'PX', chat_ms)
      redis.call('HDEL', KEYS[2], class)
      return {1, n(slot * gap - now)}
    end
  end
end
redis.call('HSET', KEYS[2], class, n(now))
redis.call('PEXPIRE', KEYS[2], 60000)
return {0, n(last * gap - now + 1)}
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
    """The production ``SendBudget``."""

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
        self._gap, self._interval = -(-MICRO // per_second), int(chat_interval * MICRO)
        self._clock, self._sleep = clock, sleep
        self._local = Throttle(per_second, chat_interval, clock, sleep)
        self._outage = Outage("throttling Telegram sends per process", monotonic=clock)

    def reserve(self, chat_id: int, send_class: SendClass) -> Turn:
        if self._outage.skipping():
            return self._local.reserve(chat_id, send_class)
        keys = [f"{self._prefix}slots", f"{self._prefix}waiting", f"{self._prefix}chat:{chat_id}"]
        args = [self._now(), self._gap, self._interval, int(send_class), SHARE_EVERY,
                REPLY_AHEAD_SLOTS, WANT_FRESH_SLOTS, len(SHARED_BY)]
        try:
            booked, wait = self._reserve(keys=keys, args=args)
        except UNREACHABLE as error:
            self._outage.failed(error)
            return self._local.reserve(chat_id, send_class)
        return Turn(bool(int(booked)), max(int(wait), 0) / MICRO)

    def wait_turn(self, chat_id: int, send_class: SendClass = SendClass.EXCHANGE) -> None:
        wait_for_turn(self, chat_id, send_class, self._sleep, self._clock)

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
