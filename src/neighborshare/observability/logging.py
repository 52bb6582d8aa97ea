"""JSON-lines logging with log_type routing and redaction of phone numbers and secrets.

Every HTTP request writes an access line, so a line's cost counts: each record is formatted once
and written by one handler (``LogFiles`` routes it to its type's file), its log type is looked
up once per logger name, and the records carry no caller, thread or process fields, which no
formatter here prints (the logging HOWTO's "Optimization" switches).
"""

from __future__ import annotations

import functools
import json
import logging
import re
import sys
from collections.abc import Iterable
from contextlib import nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

ACCESS_LOGGER = "neighborshare.access"
BUSINESS_LOGGER = "neighborshare.business"
LOG_TYPES = {ACCESS_LOGGER: "access", BUSINESS_LOGGER: "business_metrics"}
FILES = {
    "application": "application.log",
    "access": "access.log",
    "business_metrics": "business_metrics.log",
}

# Anything that looks like a phone number: 8+ digits, optionally with +, spaces, dots or dashes,
# not glued to a word or a dot before or after. The check on what precedes comes after the first
# character (a lookbehind two wide) so that the scan can skip ahead to a digit or a "+".
PHONE = re.compile(r"(?:\+(?<![\w.]\+)\d|\d(?<![\w.]\d))[\d\s().-]{6,}\d(?![\w.])")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


def log_type_of(record: logging.LogRecord) -> str:
    explicit = getattr(record, "log_type", None)
    if isinstance(explicit, str):
        return explicit
    return _type_of_logger(record.name)


@functools.lru_cache(maxsize=1024)
def _type_of_logger(name: str) -> str:
    return next((t for prefix, t in LOG_TYPES.items() if name.startswith(prefix)), "application")


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


class LogFiles(logging.Handler):
    """One file per log type (``FILES``) in ``directory``: each record is formatted once and
    written, flushed, to its type's file; a record of another type is not written."""

    def __init__(self, directory: Path) -> None:
        super().__init__()
        self._files: dict[str, TextIO] = {
            log_type: open(directory / name, "a", encoding="utf-8")  # noqa: SIM115 - kept open
            for log_type, name in FILES.items()
        }

    def emit(self, record: logging.LogRecord) -> None:
        file = self._files.get(log_type_of(record))
        if file is None:
            return
        try:
            file.write(self.format(record) + "\n")
            file.flush()
        except Exception:
            self.handleError(record)

    def flush(self) -> None:
        with self.lock or nullcontext():
            for file in self._files.values():
                file.flush()

    def close(self) -> None:
        with self.lock or nullcontext():
            for file in self._files.values():
                file.close()
        super().close()


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
    for old in list(root.handlers):
        if getattr(old, "_neighborshare", False):
            root.removeHandler(old)
            if isinstance(old, LogFiles):
                old.close()
    if directory is None:
        handler: logging.Handler = logging.StreamHandler(stream or sys.stdout)
    else:
        directory.mkdir(parents=True, exist_ok=True)
        handler = LogFiles(directory)
    handler.setFormatter(formatter)
    setattr(handler, "_neighborshare", True)  # noqa: B010 - marks ours for the next configure
    root.addHandler(handler)
    # Nothing here prints a record's caller, thread or process: don't look them up per record.
    logging._srcfile = None  # the HOWTO's documented switch
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
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
