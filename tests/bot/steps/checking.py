"""Then: what neighbors were told and shown, their balances, and what must never leak."""

from __future__ import annotations

import re

from pytest_bdd import parsers, then

from tests.bot.world import BotWorld


@then(parsers.parse('{name:w} is told "{text}"'))
def is_told(bot_world: BotWorld, name: str, text: str) -> None:
    news = bot_world.news_text(name.lower())
    assert text in news, f"{text!r} not in:\n{news}"


@then(parsers.parse('{name:w} is not told "{text}"'))
def is_not_told(bot_world: BotWorld, name: str, text: str) -> None:
    news = bot_world.news_text(name.lower())
    assert text not in news, f"{text!r} unexpectedly in:\n{news}"


@then(parsers.parse('{name:w} is told "{text}" exactly once'))
def told_once(bot_world: BotWorld, name: str, text: str) -> None:
    count = sum(text in m.shown for m in bot_world.news(name.lower()))
    assert count == 1, f"{text!r} was said {count} times"


@then(parsers.parse('{name:w} sees the buttons "{labels}"'))
def sees_buttons(bot_world: BotWorld, name: str, labels: str) -> None:
    wanted = [label.strip() for label in labels.split(",")]
    shown = [b for m in bot_world.news(name.lower()) for row in m.labels for b in row]
    for label in wanted:
        assert any(label in b for b in shown), f"{label!r} not among {shown}"


@then(parsers.parse('{name:w} is offered the portions "{labels}"'))
def offered_portions(bot_world: BotWorld, name: str, labels: str) -> None:
    """The buttons of the last message with any: all of them, in order."""
    (last, *_) = [m for m in reversed(bot_world.news(name.lower())) if m.buttons]
    assert [b for row in last.labels for b in row] == [s.strip() for s in labels.split(",")]


@then(parsers.parse('{name:w} no longer sees the buttons "{labels}" anywhere'))
def buttons_gone(bot_world: BotWorld, name: str, labels: str) -> None:
    """Not on any message of the chat, old ones included (their buttons were taken back)."""
    chat = bot_world.chat_id(name.lower())
    shown = [(b, m.shown[:60]) for m in bot_world.api.messages(chat) if not m.deleted
             for row in m.labels for b in row]
    for label in (s.strip() for s in labels.split(",")):
        still = [(b, on) for b, on in shown if label in b]
        assert not still, f"{label!r} still on {still}"


@then(parsers.parse('{name:w} sees no buttons under "{text}"'))
def no_buttons_under(bot_world: BotWorld, name: str, text: str) -> None:
    """Every message of the chat showing ``text``, old ones included, has lost its buttons."""
    chat = bot_world.chat_id(name.lower())
    under = [m for m in bot_world.api.messages(chat) if not m.deleted and text in m.shown]
    assert under, f"no message shows {text!r}"
    assert all(not m.labels for m in under), [(m.shown[:60], m.labels) for m in under]


@then(parsers.parse("{name:w} has {amount:d} credits"))
def has_credits(bot_world: BotWorld, name: str, amount: int) -> None:
    bot_world.say(name.lower(), "/credits")
    assert f"Your balance: {amount} credit" in bot_world.news_text(name.lower())


@then(parsers.parse('every message mentioning "{word}" shows "{literal}" literally'))
def literal_everywhere(bot_world: BotWorld, word: str, literal: str) -> None:
    mentioning = [m for m in bot_world.everything_shown() if word in m.shown]
    assert len(mentioning) >= 5
    for message in mentioning:
        assert literal in message.shown, message.shown


@then("no message shows a stack trace or a phone number")
def nothing_leaks(bot_world: BotWorld) -> None:
    for message in bot_world.everything_shown():
        assert "Traceback" not in message.shown
        assert not re.search(r"\+?44\s?7700", message.shown), message.shown



@then(parsers.parse("the bot waited {seconds:d} seconds twice, as Telegram asked"))
def waited(bot_world: BotWorld, seconds: int) -> None:
    assert bot_world.waited == [seconds, seconds]


@then(parsers.parse("{name:w} is no longer messaged"))
def unreachable(bot_world: BotWorld, name: str) -> None:
    users = bot_world.bot.container.users()
    assert users.profile(bot_world.chat_id(name.lower())).reachable is False


@then(parsers.parse("the moderators have a report with photo evidence"))
def report_with_evidence(bot_world: BotWorld) -> None:
    from neighborshare.ports.queries import ReportFilter

    with bot_world.bot.container.uow_factory()() as uow:
        (report,) = uow.reports.filtered(ReportFilter())
    assert report.evidence_ref is not None
    assert bot_world.bot.container.photo_store().get(report.evidence_ref)[:2] == b"\xff\xd8"


@then(parsers.parse('{name:w} does not see the button "{label}"'))
def no_button(bot_world: BotWorld, name: str, label: str) -> None:
    shown = [b for m in bot_world.news(name.lower()) for row in m.labels for b in row]
    assert not any(label in b for b in shown), f"{label!r} among {shown}"
