"""/settings: new-dish alerts, alert radius, quiet hours, digests and language, one tap each.

No conversation is kept: every button carries the value it sets, and each tap is saved at
once, so an old settings screen (or an alert's "⚙️ Settings") still works later."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from neighborshare.domain.preferences import MINUTES_PER_DAY, NeighborSettings, settings_of
from neighborshare.entrypoints.bot.flows.common import StaleButton, bounded, button_parts, one_of
from neighborshare.entrypoints.bot.menu import follow_language
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import i18n
from neighborshare.presentation.settings import Choices, buttons, screen

Switch = Callable[[NeighborSettings, bool], NeighborSettings]
SWITCHES: dict[str, Switch] = {
    "a": lambda s, on: replace(s, notifications_enabled=on),
    "d": lambda s, on: replace(s, daily_digest=on),
    "w": lambda s, on: replace(s, weekly_digest=on),
}
LAST_MINUTE = MINUTES_PER_DAY - 1
# how many parts each settings button's data has ("st:q:1320:480"); any other count is stale
ARITY = {"open": 2, "done": 2, "a": 3, "d": 3, "w": 3, "r": 3, "l": 3, "q": 4}


async def start(turn: Turn) -> None:
    """Show the settings screen as a new message."""
    settings, choices = settings_of(await turn.user()), Choices.of(turn.deps.rules)
    language = turn.language()
    await turn.say(screen(settings, choices, language), buttons(settings, choices))


async def on_button(turn: Turn) -> None:
    """A tap on the screen: save the value it carries and redraw the screen in place."""
    parts = _parts(turn)
    if parts[1] == "open":  # from an alert or a digest: the alert stays as it was
        await start(turn)
        return
    settings, choices = settings_of(await turn.user()), Choices.of(turn.deps.rules)
    if parts[1] == "done":
        await turn.edit(screen(settings, choices, turn.language(), done=True))
        return
    changed = _changed(settings, choices, parts)
    await turn.deps.run(turn.deps.users.update_settings, turn.telegram_id, changed)
    # a new language speaks at once, from this very screen on (the turn read the old choice)
    language = i18n.choose(changed.language, turn.app_language, turn.deps.rules.default_language)
    i18n.use(language)
    await turn.edit(screen(changed, choices, language), buttons(changed, choices))
    if parts[1] == "l":
        await follow_language(turn.update.get_bot(), turn.chat_id, turn.deps.miniapp_url,
                              language)


def _parts(turn: Turn) -> list[str]:
    """The button's parts, padded; more parts than any settings button has is stale."""
    query = turn.update.callback_query
    raw = (query.data or "").split(":") if query else []
    wanted = ARITY.get(raw[1] if len(raw) > 1 else "", 0)
    if len(raw) != wanted:
        raise StaleButton()
    return button_parts(turn)


def _changed(settings: NeighborSettings, choices: Choices, parts: list[str]) -> NeighborSettings:
    """``settings`` with what the button sets; a value the screen never offers is stale."""
    key, value = parts[1], parts[2]
    if key in SWITCHES:
        return SWITCHES[key](settings, bool(bounded(value, 0, 1)))
    if key == "r":
        radius = int(one_of(value, {str(r) for r in choices.radii}))
        chosen = None if radius == choices.default_radius_m else radius
        return replace(settings, alert_radius_m=chosen)
    if key == "q":
        quiet = (bounded(value, 0, LAST_MINUTE), bounded(parts[3], 0, LAST_MINUTE))
        if quiet not in choices.quiet:
            raise StaleButton()
        first, last = (None, None) if quiet == choices.default_quiet else quiet
        return replace(settings, quiet_start_minute=first, quiet_end_minute=last)
    if key == "l":
        language = one_of(value, {*i18n.SHIPPED, "auto"})
        return replace(settings, language=None if language == "auto" else language)
    raise StaleButton()
