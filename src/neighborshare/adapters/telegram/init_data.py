"""Telegram Mini App ``initData``: checked as the Bot API documents (HMAC-SHA256 keyed with
HMAC_SHA256("WebAppData", bot token)), fresh within a configurable age, else refused."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

from neighborshare.ports.services import Clock

MAX_INIT_DATA_CHARS = 8192  # Telegram's are well under 1 KB; a longer one is not Telegram's
CLOCK_SKEW = timedelta(minutes=5)  # an auth_date this far ahead of our clock is still believed


class InvalidInitData(Exception):
    """Not signed with our bot's token, stale, or not initData at all (the reason is for logs)."""


@dataclass(frozen=True, slots=True)
class WebAppUser:
    """The Telegram account that opened the Mini App, as Telegram vouched for it."""

    telegram_id: int
    first_name: str
    language_code: str | None
    auth_date: datetime


def _secret_key(bot_token: str) -> bytes:
    return hmac.new(b"WebAppData", bot_token.encode(), hashlib.sha256).digest()


def _data_check_string(fields: dict[str, str]) -> str:
    return "\n".join(f"{key}={fields[key]}" for key in sorted(fields) if key != "hash")


def signed_init_data(bot_token: str, fields: dict[str, str]) -> str:
    """``fields`` as Telegram would send them, with the hash of ``bot_token`` (tests, trials)."""
    digest = hmac.new(_secret_key(bot_token), _data_check_string(fields).encode(),
                      hashlib.sha256).hexdigest()
    return urlencode({**fields, "hash": digest})


class InitDataVerifier:
    def __init__(self, bot_token: str, max_age: timedelta, clock: Clock) -> None:
        self._key = _secret_key(bot_token)
        self._max_age = max_age
        self._clock = clock

    def verify(self, init_data: str) -> WebAppUser:
        """The user ``init_data`` vouches for, or InvalidInitData."""
        fields = _fields(init_data)
        offered = fields.get("hash", "")
        expected = hmac.new(self._key, _data_check_string(fields).encode(),
                            hashlib.sha256).hexdigest()
        if not hmac.compare_digest(offered.encode(), expected.encode()):
            raise InvalidInitData("the hash does not match")
        auth_date = _auth_date(fields)
        now = self._clock.now()
        if auth_date < now - self._max_age or auth_date > now + CLOCK_SKEW:
            raise InvalidInitData("auth_date is out of range")
        return _user(fields, auth_date)


def _fields(init_data: str) -> dict[str, str]:
    if not init_data or len(init_data) > MAX_INIT_DATA_CHARS:
        raise InvalidInitData("missing or too long")
    try:
        pairs = parse_qsl(init_data, keep_blank_values=True, strict_parsing=True)
    except ValueError:
        raise InvalidInitData("not a query string") from None
    fields = dict(pairs)
    if len(fields) != len(pairs):
        raise InvalidInitData("a field is repeated")
    return fields


def _auth_date(fields: dict[str, str]) -> datetime:
    raw = fields.get("auth_date", "")
    if not raw.isdigit() or len(raw) > 12:
        raise InvalidInitData("auth_date is missing")
    return datetime.fromtimestamp(int(raw), UTC)


def _user(fields: dict[str, str], auth_date: datetime) -> WebAppUser:
    try:
        user = json.loads(fields.get("user", ""))
    except ValueError:
        raise InvalidInitData("user is not JSON") from None
    if not isinstance(user, dict) or type(user.get("id")) is not int:
        raise InvalidInitData("user has no id")
    language = user.get("language_code")
    return WebAppUser(
        telegram_id=user["id"],
        first_name=str(user.get("first_name", ""))[:64],
        language_code=language[:16] if isinstance(language, str) else None,
        auth_date=auth_date,
    )
