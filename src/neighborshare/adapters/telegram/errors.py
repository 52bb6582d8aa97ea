"""How the offline Bot API fails: Telegram's error responses, and methods it does not answer."""

from __future__ import annotations


class BotApiError(Exception):
    """An injected or detected failure, turned into Telegram's error response."""

    def __init__(self, status: int, description: str, retry_after: int | None = None,
                 migrate_to_chat_id: int | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.retry_after = status, description, retry_after
        self.migrate_to_chat_id = migrate_to_chat_id  # a group upgraded to a supergroup


class UnknownBotMethod(RuntimeError):
    """The bot called a Bot API method the offline API does not implement."""


def bad_request(reason: str) -> BotApiError:
    return BotApiError(400, f"Bad Request: {reason}")


def forbidden(reason: str) -> BotApiError:
    return BotApiError(403, f"Forbidden: {reason}")
