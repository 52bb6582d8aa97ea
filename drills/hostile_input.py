"""What the hostile-input drill throws at the bot (hypothesis strategies), and how it reads the
bot's answers the way Telegram would."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import strategies as st

from neighborshare.adapters.telegram.refusals import BotApiError, check_html

NASTY = ["<b>", "</b>", "<u>x</u>", "<tg-spoiler>", '<a href="tg://user?id=1">me</a>', "&",
         "&amp;", "&#0;", "<script>alert(1)</script>", "'; DROP TABLE users; --", "' OR 1=1 --",
         "\u202e", "\u200f", "\u2066", "\x00", "\x1b[31m", "\r\n", "\t", "%s%n", "{0}",
         "٣", "²", "Ⅻ", "-1", "0", "9" * 30, "9" * 5000, "1e309", "NaN", "🍲", "\ufeff"]
COMMANDS = ["/start", "/share", "/browse", "/request", "/credits", "/rate", "/report", "/mine",
            "/help", "/cancel", "/nope", "/request@NeighborShareBot"]
PREFIXES = ["post:req", "x:acc", "x:dec", "x:cnl", "x:done", "x:ns", "rate", "rt:i", "rt:f",
            "rt:skip", "rp:c", "rp:p", "rp:x", "rp:skip", "rq", "ob:alg", "ob:diet", "ob:keep",
            "ob:skip", "sh:pub", "sh:win", "sh:n", "sh:alg", "sh:alg:t", "sh:diet:t", "ob:alg:t",
            "ob:diet:t", "sh:nophoto", "br:all", "br:near", "zz", ""]

texts = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=200)),
                 max_size=12).map("".join).map(lambda s: s[:4096])
long_texts = st.text(min_size=3000, max_size=4096)


def numbers(ids: list[int]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from([str(i) for i in ids]), st.sampled_from(NASTY[20:]),
                     st.integers(-(2**70), 2**70).map(str))


def actions(ids: list[int]) -> st.SearchStrategy[tuple[str, str]]:
    """("text", ...) or ("callback", data): what an attacker can put in an update."""
    command = st.tuples(st.sampled_from(COMMANDS), st.lists(numbers(ids), max_size=3)).map(
        lambda c: " ".join([c[0], *c[1]]))
    callback = st.tuples(st.sampled_from(PREFIXES), st.lists(numbers(ids), max_size=3)).map(
        lambda c: ":".join([c[0], *c[1]])[:64])
    return st.one_of(st.tuples(st.just("text"), st.one_of(texts, long_texts, command)),
                     st.tuples(st.just("callback"), st.one_of(callback, texts.map(
                         lambda s: s[:64]))))


# what earlier runs found, replayed every time
FOUND = [[("callback", "post:req")], [("callback", "rq:1:²")],
         [("text", "/request " + "9" * 5000 + " 1")],
         [("callback", "rp:p:1"), ("callback", "rp:c:zzz")],
         [("text", "/share"), ("text", "Pie\x00")], [("text", "/start"), ("text", "E\x00ve")]]


def presses(buttons: list[str], ids: list[int]) -> st.SearchStrategy[tuple[str, tuple[str, str]]]:
    """The sharer or the requester pressing their own exchange buttons, in any order."""
    data = st.tuples(st.sampled_from(buttons), st.sampled_from(ids),
                     st.sampled_from(["", ":1", ":2", ":5"])).map(lambda b: f"{b[0]}:{b[1]}{b[2]}")
    return st.tuples(st.sampled_from(["priya", "tom"]), st.tuples(st.just("callback"), data))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def foreign_markup(text: str, parse_mode: str | None) -> str | None:
    """Why Telegram would not show ``text`` as the bot meant it, or None if it would.

    The bot's own markup is only <b>; any other tag came from a neighbor's text unescaped."""
    if (parse_mode or "").upper() != "HTML":
        return None
    try:
        check_html(text, parse_mode)
    except BotApiError as error:
        return error.description
    parser = _Tags()
    parser.feed(text)
    stray = [t for t in parser.tags if t != "b"]
    return f"unexpected tags {stray}" if stray else None
