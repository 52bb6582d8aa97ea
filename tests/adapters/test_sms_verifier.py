"""Twilio Verify through the twilio library against a local stand-in of its JSON API."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from neighborshare.adapters.twilio.client import twilio_client
from neighborshare.adapters.twilio.sms_verifier import TwilioSmsVerifier
from neighborshare.domain.errors import (
    InvalidInput,
    TooManyVerificationAttempts,
    VerificationExpired,
    VerificationUnavailable,
)
from neighborshare.services.auth import AuthService
from tests.support.refusals import refused
from tests.support.stubs import JsonStub
from tests.support.verify_api import VerifyApi

NUMBER = "+447700900123"


@pytest.fixture
def api() -> VerifyApi:
    return VerifyApi()


@pytest.fixture
def stub(api: VerifyApi) -> Iterator[JsonStub]:
    with JsonStub(api) as running:
        yield running


@pytest.fixture
def verifier(stub: JsonStub) -> TwilioSmsVerifier:
    client = twilio_client("AC" + "1" * 32, "token", base_url=stub.url, timeout=0.5)
    return TwilioSmsVerifier(client, "VA" + "2" * 32)


def test_the_right_code_verifies_the_number(verifier: TwilioSmsVerifier, stub: JsonStub):
    verifier.start(NUMBER)
    assert verifier.check(NUMBER, "123456") is True
    method, path, form = stub.requests[0]
    assert (method, path) == ("POST", "/v2/Services/VA" + "2" * 32 + "/Verifications")
    assert form == {"To": NUMBER, "Channel": "sms"}


def test_a_wrong_code_is_refused_and_can_be_retried(verifier: TwilioSmsVerifier):
    verifier.start(NUMBER)
    assert verifier.check(NUMBER, "654321") is False
    assert verifier.check(NUMBER, "123456") is True


def test_an_expired_code(verifier: TwilioSmsVerifier, api: VerifyApi):
    verifier.start(NUMBER)
    api.expired = True
    with refused(VerificationExpired, "expired"):
        verifier.check(NUMBER, "123456")


def test_too_many_attempts(verifier: TwilioSmsVerifier):
    verifier.start(NUMBER)
    for _ in range(5):
        assert verifier.check(NUMBER, "000000") is False
    with refused(TooManyVerificationAttempts, "Too many tries"):
        verifier.check(NUMBER, "123456")


def test_a_number_that_cannot_receive_texts(verifier: TwilioSmsVerifier):
    with refused(InvalidInput, "can't send a text to that number"):
        verifier.start("+15005550001")


def test_twilio_throttling_makes_verification_unavailable(
    verifier: TwilioSmsVerifier, api: VerifyApi
):
    api.throttled = True
    with refused(VerificationUnavailable, "unavailable right now"):
        verifier.start(NUMBER)


def test_a_timeout_makes_verification_unavailable(verifier: TwilioSmsVerifier, stub: JsonStub):
    stub.hold.set()
    with pytest.raises(VerificationUnavailable):
        verifier.start(NUMBER)


def test_the_number_never_reaches_the_log(
    verifier: TwilioSmsVerifier, api: VerifyApi, caplog: pytest.LogCaptureFixture
):
    with caplog.at_level(logging.DEBUG):
        verifier.start(NUMBER)
        verifier.check(NUMBER, "000000")
        with pytest.raises(InvalidInput):
            verifier.start("+15005550001")
    assert caplog.records, "the refusal should have been logged"
    assert not [r for r in caplog.records if "7700900123" in r.getMessage()]
    assert not [r for r in caplog.records if "5005550001" in r.getMessage()]


def test_a_typed_number_reaches_twilio_in_e164_and_is_hashed_from_it(
    verifier: TwilioSmsVerifier, stub: JsonStub
):
    auth = AuthService(b"pepper", "GB", verifier)
    e164 = auth.start_sms(" 07700 900123 ")
    assert e164 == NUMBER
    assert stub.requests[-1][2]["To"] == NUMBER
    assert auth.check_sms(e164, "123456") == auth.hash(NUMBER)
