"""Telegram's HTML parse mode, parsed as the Bot API server parses it (tdlib's parse_html).

A stack of open tags; only the tags the Bot API documents; the entities &lt; &gt; &amp; &quot;
and numeric ones. Refusals carry tdlib's wording and byte offsets ("Unclosed start tag at byte
offset 3"). Stricter than Telegram in one place: a "&" that starts no entity (Telegram shows it
as text) is refused, since it means a neighbor's text reached the message unescaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from neighborshare.adapters.telegram.errors import BotApiError, bad_request

TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline",
        "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
        "del": "strikethrough", "tg-spoiler": "spoiler", "span": "spoiler", "a": "text_link",
        "tg-emoji": "custom_emoji", "code": "code", "pre": "pre", "blockquote": "blockquote"}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_SPACES = " \t\r\n\v\0"


@dataclass
class Entity:
    type: str
    offset: int  # in UTF-16 code units, as Telegram counts
    length: int
    argument: str = ""


@dataclass
class Parsed:
    text: str
    entities: list[Entity] = field(default_factory=list)


def utf16_length(text: str) -> int:
    """Telegram's length of ``text``: UTF-16 code units (an emoji beyond U+FFFF counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def parse(text: str, parse_mode: object) -> Parsed:
    """The text a client shows and its entities; 400 "can't parse entities" if Telegram says so."""
    mode = str(parse_mode or "")
    if not mode:
        return Parsed(text)
    if mode.upper() != "HTML":  # MarkdownV2 and Markdown are not what this bot speaks
        raise bad_request("unsupported parse_mode")
    return _HtmlParser(text).run()


class _HtmlParser:
    def __init__(self, text: str) -> None:
        self.src, self.i = text, 0
        self.out: list[str] = []
        self.open: list[tuple[str, str, int, int]] = []  # (tag, argument, utf16 offset, start)
        self.entities: list[Entity] = []
        self.offset = 0  # utf-16 units written so far

    def run(self) -> Parsed:
        while self.i < len(self.src):
            char = self.src[self.i]
            if char == "&":
                self._entity()
            elif char == "<":
                self._tag()
            else:
                self._emit(char)
                self.i += 1
        if self.open:
            self._fail(f'Can\'t find end tag corresponding to start tag "{self.open[-1][0]}"')
        return Parsed("".join(self.out), sorted(self.entities, key=lambda e: e.offset))

    # -- characters ---------------------------------------------------------------------------

    def _at(self, i: int) -> str:
        return self.src[i] if i < len(self.src) else "\0"

    def _emit(self, chars: str) -> None:
        self.out.append(chars)
        self.offset += utf16_length(chars)

    def _byte_offset(self, i: int) -> int:
        return len(self.src[:i].encode())

    def _fail(self, reason: str) -> None:
        raise BotApiError(400, f"Bad Request: can't parse entities: {reason}")

    def _entity(self) -> None:
        match = _ENTITY.match(self.src, self.i)
        decoded = _decode(match) if match else None
        if decoded is None:
            self._fail(f"Unescaped '&' at byte offset {self._byte_offset(self.i)} (the offline "
                       "Bot API refuses what Telegram would show as text: escape it)")
        assert match is not None
        assert decoded is not None
        self._emit(decoded)
        self.i = match.end()

    # -- tags -----------------------------------------------------------------------------------

    def _tag(self) -> None:
        begin = self.i
        self.i += 1
        if self._at(self.i) == "/":
            self._end_tag(begin)
        else:
            self._start_tag(begin)

    def _start_tag(self, begin: int) -> None:
        while self._at(self.i) not in _SPACES + ">":
            self.i += 1
        if self.i >= len(self.src):
            self._fail(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        tag = self.src[begin + 1:self.i].lower()
        if tag not in TAGS:
            self._fail(f'Unsupported start tag "{tag}" at byte offset {self._byte_offset(begin)}')
        argument = self._attributes(tag, begin)
        if tag == "span" and argument != "spoiler":
            self._fail(f'Tag "span" must have class "tg-spoiler" at byte offset '
                       f"{self._byte_offset(begin)}")
        if tag == "tg-emoji" and not (argument.isdigit() and 0 < int(argument) < 2**63):
            self._fail("Invalid custom emoji identifier specified")
        self.i += 1  # past ">"
        self.open.append((tag, argument, self.offset, len(self.out)))

    def _attributes(self, tag: str, begin: int) -> str:
        argument = ""
        while self._at(self.i) != ">":
            while self.i < len(self.src) and self._at(self.i) in _SPACES:
                self.i += 1
            if self._at(self.i) == ">":
                break
            start = self.i
            while self._at(self.i) not in _SPACES + "=>":
                self.i += 1
            name = self.src[start:self.i].lower()
            if not name:
                self._fail(f'Empty attribute name in the tag "{tag}" at byte offset '
                           f"{self._byte_offset(begin)}")
            if tag == "blockquote" and name == "expandable" and self._at(self.i) in _SPACES + ">":
                argument = "1"
                continue
            value = self._value(tag, begin)
            argument = _argument(tag, name, value, argument)
        return argument

    def _value(self, tag: str, begin: int) -> str:
        while self.i < len(self.src) and self._at(self.i) in _SPACES:
            self.i += 1
        if self._at(self.i) != "=":
            self._fail(f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                       f"at byte offset {self._byte_offset(begin)}")
        self.i += 1
        while self.i < len(self.src) and self._at(self.i) in _SPACES:
            self.i += 1
        if self.i >= len(self.src):
            self._fail(f'Unclosed start tag "{tag}" at byte offset {self._byte_offset(begin)}')
        quote = self._at(self.i)
        if quote not in "'\"":
            start = self.i
            while self._at(self.i).isascii() and (self._at(self.i).isalnum()
                                                  or self._at(self.i) in ".-"):
                self.i += 1
            if self._at(self.i) not in _SPACES + ">":
                self._fail(f"Unexpected end of name token at byte offset "
                           f"{self._byte_offset(start)}")
            return self.src[start:self.i].lower()
        end = self.src.find(quote, self.i + 1)
        if end < 0:
            self._fail(f"Unclosed start tag at byte offset {self._byte_offset(begin)}")
        value = _ENTITY.sub(lambda m: _decode(m) or m.group(0), self.src[self.i + 1:end])
        self.i = end + 1
        return value

    def _end_tag(self, begin: int) -> None:
        if not self.open:
            self._fail(f"Unexpected end tag at byte offset {self._byte_offset(begin)}")
        self.i += 1
        start = self.i
        while self._at(self.i) not in _SPACES + ">":
            self.i += 1
        name = self.src[start:self.i]
        while self.i < len(self.src) and self._at(self.i) in _SPACES:
            self.i += 1
        if self._at(self.i) != ">":
            self._fail(f"Unclosed end tag at byte offset {self._byte_offset(begin)}")
        tag, argument, offset, _ = self.open.pop()
        if name and name != tag:
            self._fail(f'Unmatched end tag at byte offset {self._byte_offset(begin)}, expected '
                       f'"</{tag}>", found "</{name}>"')
        self.i += 1
        if self.offset > offset:
            kind = "expandable_blockquote" if tag == "blockquote" and argument else TAGS[tag]
            self.entities.append(Entity(kind, offset, self.offset - offset, argument))


def _argument(tag: str, name: str, value: str, argument: str) -> str:
    if (tag, name) in (("a", "href"), ("tg-emoji", "emoji-id")):
        return value
    if tag == "code" and name == "class" and value.startswith("language-"):
        return value[9:]
    if tag == "span" and name == "class" and value.startswith("tg-"):
        return value[3:]
    return argument


def _decode(match: re.Match[str]) -> str | None:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        return _NAMED.get(name)
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code)
