"""The /settings screen: what a neighbor chose for alerts, digests and language, and the
buttons that change it (callback prefix "st", shared with the alerts' and digests' button)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from babel import Locale
from babel.numbers import format_decimal

from neighborshare.domain.preferences import ALERT_RADII_M, NeighborSettings
from neighborshare.domain.rules import Rules
from neighborshare.ports.services import Button
from neighborshare.presentation.i18n import SHIPPED, _, current
from neighborshare.presentation.keyboards import Rows, rows

OPEN = "st:open"  # the "⚙️ Settings" button under every new-dish alert and digest
OFF = (0, 0)  # quiet hours that start where they end: none at all
AUTOMATIC = "st:l:auto"  # no language chosen: their Telegram app's, else the community's
QUIET_PRESETS = ((22 * 60, 8 * 60), (23 * 60, 7 * 60), (21 * 60, 7 * 60), OFF)


def open_button() -> Button:
    return Button(_("⚙️ Settings"), OPEN)


@dataclass(frozen=True, slots=True)
class Choices:
    """What the screen offers, given the community's defaults (which it marks as such)."""

    default_radius_m: int
    default_quiet: tuple[int, int]

    @classmethod
    def of(cls, rules: Rules) -> Choices:
        return cls(rules.notify_radius_m, (_minutes(rules.quiet_start), _minutes(rules.quiet_end)))

    @property
    def radii(self) -> tuple[int, ...]:
        return tuple(sorted({*ALERT_RADII_M, self.default_radius_m}))

    @property
    def quiet(self) -> tuple[tuple[int, int], ...]:
        presets = QUIET_PRESETS
        return presets if self.default_quiet in presets else (self.default_quiet, *presets)

    def radius(self, settings: NeighborSettings) -> int:
        chosen = settings.alert_radius_m
        return self.default_radius_m if chosen is None else chosen

    def quiet_hours(self, settings: NeighborSettings) -> tuple[int, int]:
        start, end = settings.quiet_start_minute, settings.quiet_end_minute
        return self.default_quiet if start is None or end is None else (start, end)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def metres(value: int) -> str:
    """ "200 m", "1 km", "2,5 km"."""
    if value < 1000:
        return _("{metres} m").format(metres=format_decimal(value, locale=current().locale))
    km = format_decimal(value / 1000, "#,##0.#", locale=current().locale)
    return _("{km} km").format(km=km)


def hours(quiet: tuple[int, int]) -> str:
    if quiet[0] == quiet[1]:
        return _("off")
    start, end = (f"{m // 60:02d}:{m % 60:02d}" for m in quiet)
    return f"{start}–{end}"


def language_name(code: str) -> str:
    """The language's own name for itself ("Deutsch", "Українська")."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def _automatic(text: str, automatic: bool) -> str:
    """No language chosen: their Telegram app's if shipped, else the community's."""
    return _("{language} (automatic)").format(language=text) if automatic else text


def _on_off(flag: bool) -> str:
    return _("on") if flag else _("off")


def _default(text: str, is_default: bool) -> str:
    return _("{value} (the default)").format(value=text) if is_default else text


def screen(settings: NeighborSettings, choices: Choices, language: str, done: bool = False) -> str:
    """The screen's text: each setting as it is now (``done``: once Done was tapped)."""
    radius, quiet = choices.radius(settings), choices.quiet_hours(settings)
    lines = [
        _("⚙️ <b>Your settings</b>"),
        _("New-dish alerts: {state}").format(state=_on_off(settings.notifications_enabled)),
        _("Alert radius: {radius}").format(
            radius=_default(metres(radius), settings.alert_radius_m is None)),
        _("Quiet hours: {hours}").format(
            hours=_default(hours(quiet), settings.quiet_start_minute is None)),
        _("Morning digest: {state}").format(state=_on_off(settings.daily_digest)),
        _("Weekly digest: {state}").format(state=_on_off(settings.weekly_digest)),
        _("Language: {language}").format(language=_automatic(
            language_name(language), settings.language is None)),
        "",
        _("All saved. /settings opens this again.") if done
        else _("Tap a button to change a setting; each change is saved at once."),
    ]
    return "\n".join(lines)


def _mark(label: str, chosen: bool) -> str:
    return ("✅ " if chosen else "") + label


def buttons(settings: NeighborSettings, choices: Choices) -> Rows:
    radius, quiet = choices.radius(settings), choices.quiet_hours(settings)
    alerts = _("🔔 Alerts: {state}").format(state=_on_off(settings.notifications_enabled))
    daily = _("☀️ Morning digest: {state}").format(state=_on_off(settings.daily_digest))
    weekly = _("📊 Weekly digest: {state}").format(state=_on_off(settings.weekly_digest))
    return (
        (Button(alerts, _flip("a", settings.notifications_enabled)),),
        *rows([Button(_mark(metres(r), r == radius), f"st:r:{r}") for r in choices.radii], 3),
        *rows([Button(_mark(_quiet_label(q), q == quiet), f"st:q:{q[0]}:{q[1]}")
               for q in choices.quiet], 2),
        (Button(daily, _flip("d", settings.daily_digest)),
         Button(weekly, _flip("w", settings.weekly_digest))),
        *rows([Button(_mark(language_name(code), code == settings.language), f"st:l:{code}")
               for code in SHIPPED], 2),
        (Button(_mark(_("🌐 Automatic"), settings.language is None), AUTOMATIC),),
        (Button(_("Done ✔️"), "st:done"),),
    )


def _flip(key: str, now_on: bool) -> str:
    """A switch's button names the state it turns to, so a double tap changes nothing more."""
    return f"st:{key}:{0 if now_on else 1}"


def _quiet_label(quiet: tuple[int, int]) -> str:
    if quiet == OFF:
        return _("🌙 No quiet hours")
    return _("🌙 Quiet {hours}").format(hours=hours(quiet))
