"""A neighbor's own settings for alerts, digests and language, and the values they may take."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import time

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User

ALERT_RADII_M = (200, 500, 1000, 2000, 3000)  # the steps /settings offers
MIN_ALERT_RADIUS_M, MAX_ALERT_RADIUS_M = ALERT_RADII_M[0], ALERT_RADII_M[-1]
MINUTES_PER_DAY = 24 * 60


@dataclass(frozen=True, slots=True)
class NeighborSettings:
    """None means the community's default (Rules); quiet hours starting where they end are
    no quiet hours at all."""

    notifications_enabled: bool = True
    alert_radius_m: int | None = None
    quiet_start_minute: int | None = None
    quiet_end_minute: int | None = None
    daily_digest: bool = True
    weekly_digest: bool = True
    language: str | None = None

    def checked(self, languages: Collection[str]) -> NeighborSettings:
        """These settings, or InvalidInput naming the first value that cannot be kept."""
        radius = self.alert_radius_m
        if radius is not None and not MIN_ALERT_RADIUS_M <= radius <= MAX_ALERT_RADIUS_M:
            raise InvalidInput("alert_radius", minimum=MIN_ALERT_RADIUS_M,
                               maximum=MAX_ALERT_RADIUS_M)
        quiet = (self.quiet_start_minute, self.quiet_end_minute)
        if quiet != (None, None) and not all(_minute(m) for m in quiet):
            raise InvalidInput("quiet_hours")
        if self.language is not None and self.language not in languages:
            raise InvalidInput("unknown_language", value=self.language)
        return self


def _minute(value: int | None) -> bool:
    return isinstance(value, int) and 0 <= value < MINUTES_PER_DAY


def settings_of(user: User) -> NeighborSettings:
    return NeighborSettings(
        notifications_enabled=user.notifications_enabled,
        alert_radius_m=user.alert_radius_m,
        quiet_start_minute=user.quiet_start_minute,
        quiet_end_minute=user.quiet_end_minute,
        daily_digest=user.daily_digest,
        weekly_digest=user.weekly_digest,
        language=user.language,
    )


def apply_settings(user: User, settings: NeighborSettings) -> None:
    user.notifications_enabled = settings.notifications_enabled
    user.alert_radius_m = settings.alert_radius_m
    user.quiet_start_minute = settings.quiet_start_minute
    user.quiet_end_minute = settings.quiet_end_minute
    user.daily_digest = settings.daily_digest
    user.weekly_digest = settings.weekly_digest
    user.language = settings.language


def alert_radius_m(user: User, rules: Rules) -> int:
    """How far from home a new dish alerts this neighbor."""
    return rules.notify_radius_m if user.alert_radius_m is None else user.alert_radius_m


def quiet_hours(user: User, rules: Rules) -> tuple[time, time]:
    """When this neighbor is not woken: their own choice, else the community's."""
    start, end = user.quiet_start_minute, user.quiet_end_minute
    if start is None or end is None:
        return rules.quiet_start, rules.quiet_end
    return _clock(start), _clock(end)


def _clock(minute: int) -> time:
    return time(minute // 60, minute % 60)


def widest_alert_radius_m(rules: Rules) -> int:
    """The farthest any neighbor may be alerted from: what the candidates' query searches."""
    return max(MAX_ALERT_RADIUS_M, rules.notify_radius_m)
