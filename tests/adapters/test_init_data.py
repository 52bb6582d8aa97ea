"""Mini App initData: accepted only when signed with our bot's token and fresh."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlencode

import pytest

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.telegram.init_data import (
    InitDataVerifier,
    InvalidInitData,
    signed_init_data,
)

TOKEN = "123456:test-token-for-init-data"
NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


def fields(auth_date: datetime = NOW, **user: object) -> dict[str, str]:
    who = {"id": 4242, "first_name": "Priya", "language_code": "de", **user}
    stamp = str(int(auth_date.timestamp()))
    return {"query_id": "AAH", "user": json.dumps(who), "auth_date": stamp}


def verifier(max_age: timedelta = HOUR) -> InitDataVerifier:
    return InitDataVerifier(TOKEN, max_age, FixedClock(NOW))


def test_signed_init_data_names_the_user() -> None:
    user = verifier().verify(signed_init_data(TOKEN, fields()))
    assert (user.telegram_id, user.first_name, user.language_code) == (4242, "Priya", "de")
    assert user.auth_date == NOW


def test_a_known_signature_from_the_documented_algorithm_is_accepted() -> None:
    # computed independently: key = HMAC_SHA256("WebAppData", token); hash = HMAC(key, check string)
    import hashlib
    import hmac

    raw = fields()
    check = "\n".join(f"{k}={raw[k]}" for k in sorted(raw))
    key = hmac.new(b"WebAppData", TOKEN.encode(), hashlib.sha256).digest()
    digest = hmac.new(key, check.encode(), hashlib.sha256).hexdigest()
    assert verifier().verify(urlencode({**raw, "hash": digest})).telegram_id == 4242


def test_another_bots_token_is_refused() -> None:
    with pytest.raises(InvalidInitData):
        verifier().verify(signed_init_data("999:another-bot", fields()))


def test_a_changed_field_is_refused() -> None:
    pairs = dict(parse_qsl(signed_init_data(TOKEN, fields())))
    pairs["user"] = pairs["user"].replace("4242", "4243")
    with pytest.raises(InvalidInitData):
        verifier().verify(urlencode(pairs))


def test_an_auth_date_older_than_the_allowed_age_is_refused() -> None:
    stale = signed_init_data(TOKEN, fields(NOW - HOUR - timedelta(seconds=1)))
    with pytest.raises(InvalidInitData):
        verifier().verify(stale)
    assert verifier(max_age=2 * HOUR).verify(stale).telegram_id == 4242


def test_an_auth_date_just_inside_the_age_is_accepted() -> None:
    assert verifier().verify(signed_init_data(TOKEN, fields(NOW - HOUR))).telegram_id == 4242


def test_an_auth_date_far_in_the_future_is_refused() -> None:
    with pytest.raises(InvalidInitData):
        verifier().verify(signed_init_data(TOKEN, fields(NOW + timedelta(hours=1))))


@pytest.mark.parametrize("raw", [
    "", "hash=", "not a query string", "a=1&a=2", "x" * 9000,
    urlencode({"user": "{}", "auth_date": "1", "hash": "00"}),
])
def test_what_is_not_init_data_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInitData):
        verifier().verify(raw)


@pytest.mark.parametrize("user", ["not json", "[]", '{"id": "4242"}', '{"first_name": "P"}'])
def test_a_signed_but_unusable_user_is_refused(user: str) -> None:
    raw = {**fields(), "user": user}
    with pytest.raises(InvalidInitData):
        verifier().verify(signed_init_data(TOKEN, raw))


def test_a_missing_auth_date_is_refused() -> None:
    raw = fields()
    del raw["auth_date"]
    with pytest.raises(InvalidInitData):
        verifier().verify(signed_init_data(TOKEN, raw))
