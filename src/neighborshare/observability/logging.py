"""JSON-lines logging with log_type routing and redaction of phone numbers and secrets."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ACCESS_LOGGER = "neighborshare.access"
BUSINESS_LOGGER = "neighborshare.business"
LOG_TYPES = {ACCESS_LOGGER: "access", BUSINESS_LOGGER: "business_metrics"}
FILES = {
    "application": "application.log",
    "access": "access.log",
    "business_metrics": "business_metrics.log",
}

# Anything that looks like a phone number: 8+ digits, optionally with +, spaces, dots or dashes.
PHONE = re.compile(r"(?<![\w.])\+?\d[\d\s().-]{6,}\d(?![\w.])")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def log_type_of(record: logging.LogRecord) -> str:
    explicit = getattr(record, "log_type", None)
    if isinstance(explicit, str):
        return explicit
    return next((t for name, t in LOG_TYPES.items() if record.name.startswith(name)), "application")


class Redactor:
    """Removes phone numbers and known secret values from any text."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[secret]")
        return PHONE.sub(_phone_or_keep, text)


def _phone_or_keep(match: re.Match[str]) -> str:
    """Redact what reads as a phone number; keep dates, ids and amounts."""
    text = match.group()
    digits = sum(c.isdigit() for c in text)
    if DATE.match(text.strip()):  # a date or a timestamp ("2026-11-25 22:10"), not a number
        return text
    looks_like_phone = (
        (text.startswith("+") and digits >= 8)
        or digits >= 11
        or (digits >= 9 and any(c in text for c in " -.()"))
    )
    return "[phone]" if looks_like_phone else text


def _iso(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


class JsonFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__()
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "timestamp": datetime.fromtimestamp(record.created, UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "log_type": log_type_of(record),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and key not in entry and not key.startswith("_"):
                entry[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = record.exc_info[0].__name__
            entry["exception"] = self.formatException(record.exc_info)
        return self._redact(json.dumps(entry, default=str, ensure_ascii=False))


class PlainFormatter(logging.Formatter):
    def __init__(self, redact: Redactor) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))


class _OfType(logging.Filter):
    def __init__(self, log_type: str) -> None:
        super().__init__()
        self._type = log_type

    def filter(self, record: logging.LogRecord) -> bool:
        return log_type_of(record) == self._type


def configure(
    fmt: str = "json",
    directory: Path | None = None,
    level: int = logging.INFO,
    secrets: Iterable[str] = (),
    stream: Any = None,
) -> None:
    """Route application, access and business_metrics lines to stdout or one file each."""
    redact = Redactor(secrets)
    formatter: logging.Formatter = (
        JsonFormatter(redact) if fmt == "json" else PlainFormatter(redact)
    )
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_neighborshare", False):
            root.removeHandler(handler)
    handlers: list[logging.Handler] = []
    if directory is None:
        handlers.append(logging.StreamHandler(stream or sys.stdout))
    else:
        directory.mkdir(parents=True, exist_ok=True)
        for log_type, filename in FILES.items():
            handler = logging.FileHandler(directory / filename, encoding="utf-8")
            handler.addFilter(_OfType(log_type))
            handlers.append(handler)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._neighborshare = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
    for noisy in ("httpx", "httpcore", "telegram.ext", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def secrets_of(settings: Any) -> list[str]:
    """Every SecretStr value in ``settings``, for redaction."""
    from pydantic import SecretStr

    values = []
    for name in type(settings).model_fields:
        value = getattr(settings, name)
        if isinstance(value, SecretStr):
            values.append(value.get_secret_value())
    return values
