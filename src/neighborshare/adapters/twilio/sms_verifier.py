"""Twilio Verify: start a verification by SMS and check the code, with Twilio's refusals
turned into domain errors. Numbers arrive in E.164 form and are never logged."""

from __future__ import annotations

import logging
from typing import Any

import requests
from twilio.base.exceptions import TwilioException, TwilioRestException

from neighborshare.domain.errors import (
    InvalidInput,
    TooManyVerificationAttempts,
    VerificationExpired,
    VerificationFailed,
    VerificationUnavailable,
)

log = logging.getLogger("neighborshare.sms")

# Twilio's error codes: https://www.twilio.com/docs/api/errors
INVALID_NUMBER = {21211, 21214, 21408, 21610, 21612, 21614, 60200, 60205}
TOO_MANY_ATTEMPTS = {60202, 60203}  # checks, sends
NO_PENDING_VERIFICATION = 20404  # expired (10 minutes), already used, or never started


class TwilioSmsVerifier:
    def __init__(self, client: Any, service_sid: str) -> None:
        self._service = client.verify.v2.services(service_sid)

    def start(self, e164: str) -> None:
        self._call("start", lambda: self._service.verifications.create(to=e164, channel="sms"))

    def check(self, e164: str, code: str) -> bool:
        result = self._call(
            "check", lambda: self._service.verification_checks.create(to=e164, code=code)
        )
        return bool(result.status == "approved")

    def _call(self, action: str, request: Any) -> Any:
        try:
            return request()
        except TwilioRestException as error:
            raise _refusal(action, error) from None
        except (requests.RequestException, TwilioException) as error:
            log.warning("Twilio Verify %s failed: %s", action, type(error).__name__)
            raise VerificationUnavailable() from None


def _refusal(action: str, error: TwilioRestException) -> Exception:
    # Twilio's message may quote the number, so only the status and code are logged.
    log.warning("Twilio Verify %s refused: HTTP %s, code %s", action, error.status, error.code)
    if error.code in TOO_MANY_ATTEMPTS:
        return TooManyVerificationAttempts()
    if error.code in INVALID_NUMBER and action == "start":
        return InvalidInput("cannot_text_number")
    if error.code == NO_PENDING_VERIFICATION and action == "check":
        return VerificationExpired()
    if error.code == 60200:  # a malformed code
        return VerificationFailed()
    return VerificationUnavailable()
