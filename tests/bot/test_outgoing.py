"""Answers held until the commit, then released in order, whatever fails on the way."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, RetryAfter

from neighborshare.entrypoints.bot import outgoing


class Calls:
    """Bot API calls that record themselves, and fail as told (first try only)."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def call(self, name: str, failure: Exception | None = None) -> outgoing.Call:
        failures = [failure] if failure is not None else []

        async def make() -> Any:
            self.made.append(name)
            if failures:
                raise failures.pop()
            return name

        return make


@pytest.fixture
def waited(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The waits ``outgoing`` asked for, in order; ``asyncio.sleep`` there returns at once."""
    seconds_asked: list[float] = []

    async def sleep(seconds: float) -> None:
        seconds_asked.append(seconds)

    monkeypatch.setattr(outgoing.asyncio, "sleep", sleep)
    return seconds_asked


def test_without_holding_a_call_goes_out_at_once() -> None:
    calls = Calls()
    asyncio.run(outgoing.send(calls.call("hello")))
    assert calls.made == ["hello"]


def test_while_holding_calls_wait_and_are_released_in_order() -> None:
    calls, held = Calls(), outgoing.Held()

    async def answer() -> None:
        with outgoing.holding(held):
            await outgoing.send(calls.call("first"))
            await outgoing.send(calls.call("second"))
        assert calls.made == []  # nothing left before the commit
        assert await outgoing.release(held) == 0

    asyncio.run(answer())
    assert calls.made == ["first", "second"]


def test_a_failed_call_is_counted_and_the_rest_still_go_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    calls = Calls()
    held = outgoing.Held([
        calls.call("edit", BadRequest("Message is not modified: same content")),
        calls.call("to a blocker", Forbidden("Forbidden: bot was blocked by the user")),
        calls.call("refused", BadRequest("Can't parse entities")),
        calls.call("last"),
    ])
    assert asyncio.run(outgoing.release(held)) == 2  # "not modified" is no failure
    assert calls.made == ["edit", "to a blocker", "refused", "last"]
    assert "Forbidden" in caplog.text


def test_too_many_requests_waits_as_asked_and_a_long_wait_holds_back_the_rest_in_order(
    waited: list[float],
) -> None:
    calls = Calls()
    held = outgoing.Held([calls.call("busy", RetryAfter(2)),
                          calls.call("very busy", RetryAfter(600)), calls.call("after it")])

    async def answer() -> int:
        failed = await outgoing.release(held)
        assert calls.made == ["busy", "busy", "very busy"]  # the update need not wait 600 s
        await outgoing.settled()
        return failed

    assert asyncio.run(answer()) == 0
    assert calls.made == ["busy", "busy", "very busy", "very busy", "after it"]
    assert waited == [2, 600]


def test_a_call_made_after_the_release_goes_out_at_once_instead_of_being_lost() -> None:
    calls, held = Calls(), outgoing.Held()

    async def answer() -> None:
        with outgoing.holding(held):
            await outgoing.send(calls.call("answer"))
            await outgoing.release(held)
            await outgoing.send(calls.call("late"))  # e.g. from a task the handler started

    asyncio.run(answer())
    assert calls.made == ["answer", "late"]


# -- ApiCall: an answer posted as JSON, Telegram's reply left unparsed -------------------------


def _on_offline_api(action: Any) -> Any:
    from telegram import Bot

    from neighborshare.adapters.telegram.offline import OFFLINE_TOKEN, OfflineBotApi

    api = OfflineBotApi()
    for chat_id in (7, 42):  # the neighbors the calls answer started the bot
        api.start(chat_id)

    async def go() -> Any:
        async with Bot(OFFLINE_TOKEN, request=api, get_updates_request=api) as bot:
            return await action(bot, api)

    return asyncio.run(go())


def test_an_api_call_posts_its_parameters_as_json_and_leaves_out_none() -> None:
    from neighborshare.entrypoints.bot.replies import HTML, inline
    from neighborshare.ports.services import Button

    markup = inline(((Button("✅ Accept", "x:acc:1"), Button("Decline", "x:dec:1")),))

    async def action(bot: Any, api: Any) -> Any:
        result = await outgoing.ApiCall(bot, "sendMessage", {
            "chat_id": 42, "text": "<b>Soup</b> &amp; bread", "parse_mode": HTML,
            "reply_markup": markup, "reply_to_message_id": None,
        })()
        return result, api.calls[-1], api.messages(42)

    result, (method, params), messages = _on_offline_api(action)
    assert method == "sendMessage"
    assert params == {"chat_id": 42, "text": "<b>Soup</b> &amp; bread", "parse_mode": "HTML",
                      "reply_markup": {"inline_keyboard": [[
                          {"text": "✅ Accept", "callback_data": "x:acc:1"},
                          {"text": "Decline", "callback_data": "x:dec:1"}]]}}
    assert isinstance(result, dict) and result["chat"]["id"] == 42  # Telegram's JSON, unparsed
    assert [m.shown for m in messages] == ["Soup & bread"]  # parse_mode HTML reached Telegram


def test_an_api_call_accepts_ptb_objects_as_parameters() -> None:
    from telegram import ReplyKeyboardRemove

    async def action(bot: Any, api: Any) -> Any:
        await outgoing.ApiCall(bot, "sendMessage", {
            "chat_id": 7, "text": "bye", "reply_markup": ReplyKeyboardRemove()})()
        return api.calls[-1][1]["reply_markup"]

    assert _on_offline_api(action) == {"remove_keyboard": True}


@pytest.mark.parametrize(("refusal", "error"), [("block", Forbidden), ("rate_limit", RetryAfter)])
def test_telegram_refusing_an_api_call_raises_as_ptb_methods_do(
    refusal: str, error: type[Exception]
) -> None:
    async def action(bot: Any, api: Any) -> Any:
        getattr(api, refusal)(9)
        with pytest.raises(error):
            await outgoing.ApiCall(bot, "sendMessage", {"chat_id": 9, "text": "hi"})()
        return True

    assert _on_offline_api(action)


def test_an_unknown_message_edit_raises_bad_request() -> None:
    async def action(bot: Any, api: Any) -> Any:
        with pytest.raises(BadRequest):
            await outgoing.ApiCall(bot, "editMessageText", {
                "chat_id": 9, "message_id": 12345, "text": "changed"})()
        return True

    assert _on_offline_api(action)


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_a_reply_refused_with_429_reaches_the_neighbor_once(waited: list[float]) -> None:

    async def action(bot: Any, api: Any) -> Any:
        api.rate_limit(7, retry_after=30, times=2)
        reply = outgoing.ApiCall(bot, "sendMessage", {"chat_id": 7, "text": "Accepted!"})
        assert await outgoing.release(outgoing.Held([reply])) == 0
        await outgoing.settled()
        return [m.text for m in api.messages(7)]

    assert _on_offline_api(action) == ["Accepted!"]
    assert waited == [30, 30]


class _FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
def test_replies_book_the_send_budget_as_replies_and_keep_one_a_second_per_chat(
    waited: list[float],
) -> None:
    from neighborshare.adapters.telegram.throttle import Throttle
    from neighborshare.domain.sending import SendClass

    clock = _FakeClock()
    budget = Throttle(monotonic=clock)
    assert budget.reserve(100, SendClass.DIGEST).booked  # a digest has the next slot

    async def action(bot: Any, api: Any) -> Any:
        replies = [outgoing.ApiCall(bot, "sendMessage", {"chat_id": 7, "text": text})
                   for text in ("first", "second")]
        spinner = outgoing.ApiCall(bot, "getMe", {})  # no message: not paced
        sending = outgoing.Sending(budget, count=lambda *labels: counted.append(labels))
        assert await outgoing.release(outgoing.Held([replies[0], spinner, replies[1]]),
                                      sending) == 0
        return [m.text for m in api.messages(7)]

    counted: list[tuple[str, str]] = []
    assert _on_offline_api(action) == ["first", "second"]
    assert counted == [("reply", "sent"), ("reply", "sent")]  # the spinner is no message
    assert len(waited) == 2 and waited[0] < 2 / 30  # behind at most the digest's one slot
    assert waited[1] == pytest.approx(1.0, abs=2 / 30)  # the same chat: a second later
