"""The SmsVerifier contract, shared by the fake and Twilio Verify (through its stand-in)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from neighborshare.adapters.memory.outside import FakeSmsVerifier
from neighborshare.adapters.twilio.client import twilio_client
from neighborshare.adapters.twilio.sms_verifier import TwilioSmsVerifier
from neighborshare.ports.services import SmsVerifier
from tests.support.stubs import JsonStub
from tests.support.verify_api import VerifyApi

NUMBER = "+447700900123"
# A verifier, and how the test reads the code "texted" to a number.
Subject = tuple[SmsVerifier, Callable[[str], str]]


@pytest.fixture(params=["fake", "twilio"])
def subject(request: pytest.FixtureRequest) -> Iterator[Subject]:
    if request.param == "fake":
        fake = FakeSmsVerifier()
        yield fake, fake.codes.__getitem__
        return
    api = VerifyApi(next_code="482913")
    with JsonStub(api) as stub:
        client = twilio_client("AC" + "1" * 32, "token", base_url=stub.url, timeout=0.5)
        yield TwilioSmsVerifier(client, "VA" + "2" * 32), api.codes.__getitem__


def test_the_texted_code_verifies_the_number(subject: Subject):
    verifier, texted = subject
    verifier.start(NUMBER)
    assert verifier.check(NUMBER, texted(NUMBER)) is True


def test_another_code_does_not(subject: Subject):
    verifier, texted = subject
    verifier.start(NUMBER)
    wrong = "000000" if texted(NUMBER) != "000000" else "111111"
    assert verifier.check(NUMBER, wrong) is False


def test_a_code_belongs_to_its_own_number(subject: Subject):
    verifier, texted = subject
    verifier.start(NUMBER)
    verifier.start("+447700900456")
    while texted("+447700900456") == texted(NUMBER):  # a one-in-a-million random clash
        verifier.start("+447700900456")
    assert verifier.check("+447700900456", texted(NUMBER)) is False
