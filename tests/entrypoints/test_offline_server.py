"""`neighborshare bot --offline-bot-api` answers the Bot API locally, remembering a bounded
history: a long trial or benchmark must not grow without end."""

from __future__ import annotations

from typing import Any

import pytest

from neighborshare.adapters.telegram.offline import SERVER_HISTORY, OfflineBotApi
from neighborshare.adapters.telegram.sent import SentMessage
from neighborshare.entrypoints.webhook import cli, runtime


def test_the_offline_server_remembers_a_bounded_history(monkeypatch: pytest.MonkeyPatch) -> None:
    given: list[Any] = []
    monkeypatch.setattr(runtime, "build_runtime", lambda container, request=None:
                        given.append(request) or "runtime")
    assert cli._runtime(object(), offline=True) == "runtime"
    (api,) = given
    assert isinstance(api, OfflineBotApi)
    for n in range(SERVER_HISTORY + 5):
        api.keep(SentMessage(7, api.next_message_id(), f"answer {n}"))
    assert len(api.messages(7)) == SERVER_HISTORY
    assert api.messages(7)[0].text == "answer 5"
