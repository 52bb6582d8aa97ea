"""One incoming update being handled: who sent it, their conversation, and how to answer."""

from __future__ import annotations

from typing import Any

from telegram import Update

from neighborshare.domain.errors import NotRegistered
from neighborshare.domain.sessions import ConversationSession
from neighborshare.domain.users import User
from neighborshare.entrypoints.bot.deps import BotDeps
from neighborshare.entrypoints.bot.preload import Preloaded, preloaded_for
from neighborshare.entrypoints.bot.replies import Replies
from neighborshare.entrypoints.bot.sessions import ConversationStore
from neighborshare.presentation.i18n import choose, subtag


class Turn(Replies):
    def __init__(self, update: Update, deps: BotDeps, store: ConversationStore) -> None:
        self.update = update
        self.deps = deps
        self.store = store
        user = update.effective_user
        chat = update.effective_chat
        assert user is not None
        assert chat is not None
        self.telegram_id = user.id
        self.chat_id = chat.id
        self.session: ConversationSession | None = None
        self._ended = False
        self._user: User | None = None
        self._preloaded: Preloaded | None = None

    # -- conversation state -----------------------------------------------------------------

    async def open(self) -> None:
        preloaded = preloaded_for(self.telegram_id)
        if preloaded is not None and preloaded.take("turn"):
            self._preloaded = preloaded  # read by the update's own transaction, already locked
            self.session, self._user = preloaded.session, preloaded.user
            return
        loaded = await self.deps.run(self.store.load_with_user, self.telegram_id)
        self.session, self._user = loaded

    async def close(self) -> None:
        """Write the conversation back (refreshing its expiry), or forget a finished one."""
        if self.session is not None and not self._ended:
            self.session.touch(self.deps.clock.now(), self.deps.rules.session_idle)
            if self._preloaded is not None:  # written by the update's transaction at its end
                self._preloaded.write_back = self.session
                return
            await self.deps.run(self.store.save, self.session)
        elif self._ended:
            if self._preloaded is not None:
                self._preloaded.ended = True
                return
            await self.deps.run(self.store.clear, self.telegram_id)

    def begin(self, flow: str, step: str, **data: Any) -> ConversationSession:
        now, idle = self.deps.clock.now(), self.deps.rules.session_idle
        self.session = ConversationSession.start(self.telegram_id, flow, step, now, idle)
        self.session.data.update(data)
        self._ended = False
        return self.session

    def go(self, step: str, **data: Any) -> None:
        assert self.session is not None
        self.session.advance(step, self.deps.clock.now(), self.deps.rules.session_idle, **data)

    def end(self) -> None:
        self.session = None
        self._ended = True

    @property
    def data(self) -> dict[str, Any]:
        assert self.session is not None
        return self.session.data

    def at(self, flow: str, *steps: str) -> bool:
        s = self.session
        return s is not None and s.flow == flow and (not steps or s.step in steps)

    # -- the neighbor ---------------------------------------------------------------------

    @property
    def app_language(self) -> str | None:
        """The primary subtag of the language the sender's Telegram app speaks ("de")."""
        sender = self.update.effective_user
        return subtag(sender.language_code if sender is not None else None)

    async def note_language(self) -> None:
        """Keep their Telegram app's language on the profile when it changed, so that what is
        sent to them later (notifications, digests) speaks it too."""
        code = self.app_language
        if self._user is None or code is None or code == self._user.telegram_language:
            return
        await self.deps.run(self.deps.users.note_telegram_language, self.telegram_id, code)
        self._user.telegram_language = code

    def language(self) -> str:
        """Their choice in /settings, else their Telegram app's language, else the
        community's default, else English."""
        sender = self.update.effective_user
        return choose(
            getattr(self._user, "language", None),
            sender.language_code if sender is not None else None,
            self.deps.rules.default_language,
        )

    async def user(self) -> User:
        if self._user is None:
            found = await self.deps.run(self.deps.users.find_by_telegram_id, self.telegram_id)
            if found is None:
                raise NotRegistered()
            self._user = found
        return self._user

    async def registered(self) -> bool:
        try:
            await self.user()
        except NotRegistered:
            return False
        return True

    async def user_id(self) -> int:
        user = await self.user()
        assert user.id is not None
        return user.id
