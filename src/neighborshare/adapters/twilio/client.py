"""Building the Twilio client, optionally pointed at another base URL (a local stand-in)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from twilio.http.http_client import TwilioHttpClient
from twilio.http.response import Response
from twilio.rest import Client


class _RebasedHttpClient(TwilioHttpClient):  # type: ignore[misc]
    """Sends every request to ``base_url`` instead of https://verify.twilio.com."""

    def __init__(self, base_url: str | None, timeout: float, logger: logging.Logger) -> None:
        super().__init__(timeout=timeout, logger=logger)
        self._base = base_url.rstrip("/") if base_url else None

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Response:
        if self._base is not None:
            parts = urlsplit(url)
            url = self._base + parts.path + (f"?{parts.query}" if parts.query else "")
        return super().request(method, url, *args, **kwargs)


def twilio_client(
    account_sid: str, auth_token: str, base_url: str | None = None, timeout: float = 5.0
) -> Client:
    # Twilio logs each request at INFO; ours stays at WARNING so bodies never reach the log.
    logger = logging.getLogger("neighborshare.sms.http")
    logger.setLevel(logging.WARNING)
    http = _RebasedHttpClient(base_url, timeout, logger)
    return Client(account_sid, auth_token, http_client=http)
