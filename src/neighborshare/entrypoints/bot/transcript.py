"""The transcript of a chat: each bot message as a Telegram client shows it."""

from __future__ import annotations

import logging

from neighborshare.adapters.telegram.sent import SentMessage


class Failures(logging.Handler):
    """Remembers the errors the bot logged (it apologised to the neighbor instead of crashing)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def render(message: SentMessage, name: str, edited: bool, sender: str | None = None) -> str:
    """``sender``: who posted it via the bot (an inline card), when not the bot itself."""
    author = f"{sender} via bot" if sender else "bot"
    lines = [f"{author} > {name}:" + (" (edited)" if edited else "")]
    if message.photo:
        lines.append("  (photo)")
    if message.document:
        lines.append(f"  (file {message.document.get('file_name', '')})")
    lines.extend(f"  {line}" for line in message.shown.splitlines())
    lines.extend("  " + " ".join(f"[{label}]" for label in row) for row in message.labels)
    return "\n".join(lines)
