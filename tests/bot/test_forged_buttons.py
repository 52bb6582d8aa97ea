"""Forged callback data (the Bot API warns that a bad client can send anything there): for every
button prefix, data the bot never offered gets the stale-button reply and changes nothing, and
no answer exceeds Telegram's limits (text 4096, caption 1024 characters, callback data 64 bytes).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.adapters.memory.store import MemoryStore
from neighborshare.container import memory_container
from neighborshare.domain.pickup import PRESETS
from neighborshare.domain.reports import ReportCategory
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.entrypoints.bot.routes import BUTTONS
from neighborshare.presentation import texts
from tests.bot.routines import onboard, request_portions, share
from tests.bot.world import START, BotWorld

STATE_TABLES = ("users", "posts", "exchanges", "credits", "ratings", "reports")
WORDS = ["t", "done", "diet", "alg", "f", "i", "skip", "keep", "req", "acc", "dec", "cnl",
         "done", "ns", "n", "win", "pub", "redo", "nophoto", "fit", "all", "p", "x", "c",
         *(a.value for a in Allergen), *(d.value for d in DietTag), *PRESETS,
         *(c.value for c in ReportCategory), "open", "a", "r", "q", "l", "200", "1320", "de"]


# /settings: every button carries the value it sets, offered to anyone at any time
SETTINGS = (r"st:(open|done|[adw]:0*[01]|r:(200|500|1000|2000|3000)|l:(en|de|es|uk|auto)"
            r"|q:0*(1320:0*480|1380:0*420|1260:0*420|0:0*0))")
ALLERGENS = "|".join(a.value for a in Allergen)
DIETS = "|".join(d.value for d in DietTag)


class Scene:
    """Priya shared Dal; Tom picked up a portion and is rating it (food stars next); Sam is
    ticking allergens in /share; Ann, new, is choosing diets in onboarding."""

    def __init__(self) -> None:
        self.store = MemoryStore()
        clock = FixedClock(START)
        self.world = BotWorld(lambda: memory_container(clock=clock, memory_store=self.store),
                              clock)
        w = self.world
        for name in ("priya", "tom", "sam"):
            onboard(w, name)
        share(w, "priya", "Dal", 3)
        request_portions(w, "tom", 1, "Dal")
        w.tap("priya", "Accept")
        w.tap("tom", "Picked up")
        w.say("tom", "/rate")
        assert "How was" in w.news_text("tom")
        for line in ("/share", "Soup"):
            w.say("sam", line)
        w.tap("sam", "Skip")
        w.tap("sam", "2")
        w.say("ann", "/start")
        w.say("ann", "Ann")
        w.act("ann", lambda n, who: n.contact(who))
        w.say("ann", "3")
        w.act("ann", lambda n, who: n.location(who, 51.5074, -0.1278))
        assert "diets" in w.news_text("ann")

    def state(self) -> dict[str, Any]:
        rows = {name: repr(sorted(self.store.table(name).items())) for name in STATE_TABLES}
        sessions = {k: (s.flow, s.step, repr(s.data))
                    for k, s in self.store.table("sessions").items()}
        return {"rows": rows, "sessions": sessions}

    def ids(self) -> tuple[list[int], list[int]]:
        return sorted(self.store.table("posts")), sorted(self.store.table("exchanges"))


@pytest.fixture(scope="module")
def scene() -> Iterator[Scene]:
    made = Scene()
    yield made
    made.world.close()


def offered(forger: str, posts: list[int], exchanges: list[int]) -> list[str]:
    """Patterns of what the bot could offer ``forger`` now: such data may change things."""
    ids = "|".join(str(i) for i in posts + exchanges)
    anyone = [rf"post:req:0*({ids})", rf"rp:p:0*({ids})", rf"rq:0*({ids}):0*[1-5]",
              r"br:(fit|all):0*\d{1,3}", r"sh:cnl", SETTINGS]
    own = {
        "tom": [r"rt:f:0*[1-5]", rf"rate:0*({ids})", rf"x:\w+:0*({ids})", rf"rp:x:0*({ids})"],
        "sam": [rf"sh:alg:t:({ALLERGENS})", r"sh:alg:done"],
        "ann": [rf"ob:diet:t:({DIETS})", r"ob:diet:done"],
    }
    return anyone + own[forger]


part = st.one_of(st.sampled_from(WORDS), st.integers(-10, 10**20).map(str),
                 st.text(max_size=12))
forged = st.tuples(st.sampled_from([*sorted(BUTTONS), "", "zz"]), st.lists(part, max_size=4))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(forger=st.sampled_from(["tom", "sam", "ann"]), data=forged)
@example(forger="tom", data=("rt", ["f", "100000"]))  # the 100,000-star rating
@example(forger="tom", data=("rt", ["f", "0"]))
@example(forger="sam", data=("sh", ["alg", "t", "plutonium"]))
@example(forger="sam", data=("sh", ["n", "21"]))
@example(forger="sam", data=("sh", ["win", "yesterday"]))
@example(forger="ann", data=("ob", ["diet", "t", "x" * 50]))
@example(forger="ann", data=("ob", ["diet", "maybe"]))
@example(forger="tom", data=("rq", ["1", "6"]))
@example(forger="tom", data=("br", ["fit", "9" * 19]))
@example(forger="tom", data=("rp", ["x", "999"]))
@example(forger="tom", data=("x", ["steal", "1"]))
def test_forged_button_data_changes_nothing(
    scene: Scene, forger: str, data: tuple[str, list[str]]
) -> None:
    text = ":".join([data[0], *data[1]])
    assume(0 < len(text.encode()) <= 64)  # what Telegram carries
    posts, exchanges = scene.ids()
    assume(not any(re.fullmatch(p, text) for p in offered(forger, posts, exchanges)))
    world = scene.world
    before, sent_before = scene.state(), len(world.api.sent)
    neighbors = world.bot.neighbors
    who = neighbors.neighbor(forger)
    (last, *_) = reversed(world.api.messages(who.telegram_id))
    world.act(forger, lambda n, _who: n.callback(who, last, text))
    assert scene.state() == before, text
    news = list(world.api.sent)[sent_before:]
    assert news, f"{text!r} got no answer at all"
    for message in news:
        assert message.chat_id == who.telegram_id
        assert str(texts.APOLOGY) not in message.text, text
        assert len(message.shown) <= (1024 if message.photo else 4096)
        assert all(len(b.get("callback_data", "").encode()) <= 64
                   for row in message.buttons for b in row)
