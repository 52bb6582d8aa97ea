"""Chat scripts: parsing a line, carrying it out on the offline bot, and the transcript."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from PIL import Image
from telegram import Update

from neighborshare.adapters.telegram.neighbors import NoSuchButton
from neighborshare.entrypoints.bot.offline_bot import OfflineBot
from neighborshare.entrypoints.bot.transcript import Failures, render

_LINE = re.compile(r"^@(?P<name>[A-Za-z][\w-]*)\s+(?P<body>.+)$")
_WAIT = re.compile(r"^<wait\s+(?P<amount>\d+)\s*(?P<unit>[smhd])>$")
_LANGUAGE = re.compile(r"^<language(?:\s+(?P<code>[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*))?>$")
_GROUP = re.compile(r"^#(?P<title>[A-Za-z][\w-]*)\s+(?P<body>.+)$")
_INLINE = re.compile(r"^(?:#(?P<title>[A-Za-z][\w-]*)\s+)?<inline(?:\s+(?P<words>[^>]*))?>$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def _chat_of(update: Update) -> int | None:
    """The group an update was sent in; None for the speaker's private chat."""
    chat = update.effective_chat
    return chat.id if chat is not None and chat.type != "private" else None


class ScriptError(Exception):
    """A script line that cannot be carried out."""


@dataclass(frozen=True, slots=True)
class Line:
    speaker: str | None  # None for <wait ...>
    body: str


def parse(text: str, default_speaker: str | None = None) -> Line | None:
    text = text.strip()
    if not text or text.startswith("#"):
        return None
    if _WAIT.match(text):
        return Line(None, text)
    match = _LINE.match(text)
    if match:
        return Line(match["name"].lower(), match["body"].strip())
    if default_speaker is not None:
        return Line(default_speaker, text)
    raise ScriptError("expected '@name TEXT' or '<wait 30m>'")


def sample_photo() -> bytes:
    image = Image.new("RGB", (640, 480), (214, 140, 69))
    out = io.BytesIO()
    image.save(out, format="JPEG")
    return out.getvalue()


class ScriptRunner:
    """Carries out lines on an ``OfflineBot`` and writes the transcript through ``emit``."""

    def __init__(
        self, bot: OfflineBot, emit: Callable[[str], None], echo_inputs: bool = True
    ) -> None:
        self.bot = bot
        self.emit = emit
        self.echo_inputs = echo_inputs  # a terminal already shows what was typed
        self._shown: dict[tuple[int, int], tuple[int, str]] = {}
        self._latest: dict[tuple[str, int | None], dict[str, Any]] = {}  # for <reply TEXT>
        self._failures = Failures()
        logging.getLogger("neighborshare.bot").addHandler(self._failures)

    def close(self) -> None:
        logging.getLogger("neighborshare.bot").removeHandler(self._failures)

    async def run(self, line: Line) -> None:
        if line.speaker is None:
            match = _WAIT.match(line.body)
            assert match is not None
            if self.echo_inputs:
                self.emit(line.body)
            amount = int(match["amount"])
            await self.bot.wait(timedelta(**{_UNITS[match["unit"]]: amount}))
        elif (language := _LANGUAGE.match(line.body)) is not None:
            self.bot.neighbors.speak(line.speaker, language["code"])
            if self.echo_inputs:
                self.emit(f"{line.speaker} > {line.body}")
        elif (inline := _INLINE.match(line.body)) is not None:
            if self.echo_inputs:
                self.emit(f"{line.speaker} > {line.body}")
            await self._inline(line.speaker, inline["title"], inline["words"].strip())
        else:
            update = self._update(line.speaker, line.body)
            if self.echo_inputs:
                self.emit(f"{line.speaker} > {line.body}")
            if update.message is not None:
                self._latest[(line.speaker, _chat_of(update))] = update.message.to_dict()
            await self.bot.send(update)
        self._show_new()
        if self._failures.records:
            self._failures.records.clear()
            raise ScriptError("the bot failed while handling this line (see the log above)")
        if self.bot.api.unknown:
            raise ScriptError(f"the bot called unknown Bot API methods: {self.bot.api.unknown}")

    async def _inline(self, speaker: str, title: str | None, words: str) -> None:
        """``speaker`` types "@Bot WORDS" in ``#title`` (else their private chat) and chooses
        the first result: the card appears there, sent via the bot."""
        make = self.bot.neighbors
        who = make.neighbor(speaker)
        chat = make.group(title.lower(), [speaker]) if title else None
        query_id, query = make.inline_query(who, words, chat)
        await self.bot.send(query)
        try:
            _card, chosen = make.chosen_inline(who, query_id, words, chat)
        except NoSuchButton as error:
            raise ScriptError(str(error)) from None
        await self.bot.send(chosen)

    def _update(self, speaker: str, body: str) -> Update:
        """``body`` from ``speaker``; "#hall BODY" says it in the supergroup "hall" (made on
        first use, with every neighbor who speaks there a member)."""
        who = self.bot.neighbors.neighbor(speaker)
        make = self.bot.neighbors
        chat = None
        if (in_group := _GROUP.match(body)) is not None:
            chat, body = make.group(in_group["title"].lower(), [speaker]), in_group["body"]
        if not (body.startswith("<") and body.endswith(">")):
            return make.text(who, body, chat)
        word, _, rest = body[1:-1].strip().partition(" ")
        rest = rest.strip()
        try:
            if word == "contact":
                return make.contact(who, rest or None, chat=chat)
            if word == "location":
                lat, lon = (float(v) for v in rest.split())
                return make.location(who, lat, lon, chat)
            if word == "photo":
                data = Path(rest).read_bytes() if rest else sample_photo()
                return make.photo(who, data, chat=chat)
            if word == "tap":
                return make.tap(who, rest, chat)
            if word == "reply":
                earlier = self._latest.get((speaker, chat.id if chat else None))
                if earlier is None:
                    raise ScriptError(f"{speaker} has sent nothing there to reply to")
                return make.text(who, rest, chat, reply_to=earlier)
        except NoSuchButton as error:
            raise ScriptError(str(error)) from None
        except (ValueError, OSError) as error:
            raise ScriptError(f"can't carry out {body!r}: {error}") from None
        raise ScriptError(f"unknown action {body!r}")

    def _show_new(self) -> None:
        names = {n.telegram_id: n.name for n in self.bot.neighbors.known()}
        people = dict(names)
        for message in self.bot.api.sent:
            if message.chat_id not in names:
                chat = self.bot.api.chats.get(message.chat_id)
                if chat is not None and chat.title:
                    names[message.chat_id] = f"#{chat.title}"
            key = (message.chat_id, message.message_id)
            before = self._shown.get(key)
            if message.deleted or (before is not None and before[0] == message.edits):
                continue
            self._shown[key] = (message.edits, message.text)
            if before is not None and before[1] == message.text and not message.labels:
                continue  # only its buttons went away: a client shows nothing new
            edited = before is not None
            where = names.get(message.chat_id, str(message.chat_id))
            self.emit(render(message, where, edited, people.get(message.sender_id or 0)))
