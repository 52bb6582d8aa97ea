"""A stand-in for Twilio Verify v2 that speaks its JSON: verifications, checks and refusals."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
MAX_CHECKS = 5


def _error(status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
    info = f"https://www.twilio.com/docs/errors/{code}"
    return status, {"code": code, "message": message, "more_info": info, "status": status}


@dataclass
class VerifyApi:
    """State of the fake service; tests flip ``expired``, ``unreachable`` or ``throttled``."""

    codes: dict[str, str] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    unreachable: set[str] = field(default_factory=lambda: {"+15005550001"})
    expired: bool = False
    throttled: bool = False
    next_code: str = "123456"

    def __call__(self, method: str, path: str, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        if self.throttled:
            return _error(429, 20429, "Too Many Requests")
        match = re.fullmatch(r"/v2/Services/(VA\w+)/(Verifications|VerificationCheck)", path)
        if method != "POST" or match is None:
            return _error(404, 20404, f"The requested resource {path} was not found")
        to = form.get("To", "")
        if match.group(2) == "Verifications":
            return self._start(match.group(1), to, form.get("Channel", ""))
        return self._check(match.group(1), to, form.get("Code", ""))

    def _start(self, service: str, to: str, channel: str) -> tuple[int, dict[str, Any]]:
        if not E164.match(to) or to in self.unreachable:
            return _error(400, 60200, f"Invalid parameter `To`: {to}")
        self.codes[to], self.checks[to] = self.next_code, 0
        self.next_code = f"{(int(self.next_code) + 1) % 10**6:06d}"  # each number its own code
        return 201, self._verification(service, to, channel, "pending")

    def _check(self, service: str, to: str, code: str) -> tuple[int, dict[str, Any]]:
        if to not in self.codes or self.expired:
            return _error(404, 20404, f"The requested resource /Services/{service}/x not found")
        self.checks[to] += 1
        if self.checks[to] > MAX_CHECKS:
            return _error(429, 60202, "Max check attempts reached")
        status = "approved" if code == self.codes[to] else "pending"
        if status == "approved":
            del self.codes[to]
        return 200, self._verification(service, to, "sms", status)

    @staticmethod
    def _verification(service: str, to: str, channel: str, status: str) -> dict[str, Any]:
        return {
            "sid": "VE" + "0" * 32, "service_sid": service, "account_sid": "AC" + "0" * 32,
            "to": to, "channel": channel, "status": status, "valid": status == "approved",
            "date_created": "2026-06-01T12:00:00Z", "date_updated": "2026-06-01T12:00:00Z",
        }
