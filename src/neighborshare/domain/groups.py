"""A community group: a Telegram group an admin linked to a place, where new dishes nearby are
announced, a few a day and never in the community's quiet hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.rules import Rules
from neighborshare.domain.targeting import in_quiet_hours
from neighborshare.domain.values import Location


@dataclass(eq=False)
class CommunityGroup:
    chat_id: int  # Telegram's id of the group
    title: str
    location: Location  # the place the admin pinned
    radius_m: int
    language: str  # what the bot writes there
    linked_by: int  # the admin's Telegram id
    linked_at: datetime
    announced_on: date | None = None  # the local day of the latest announcement
    announced_that_day: int = 0

    def covers(self, location: Location) -> bool:
        return self.location.distance_m(location) <= self.radius_m

    def may_announce(self, local_now: datetime, rules: Rules) -> bool:
        """Outside the community's quiet hours, and under today's cap."""
        if in_quiet_hours(local_now.time(), rules.quiet_start, rules.quiet_end):
            return False
        return self.announced_today(local_now.date()) < rules.max_group_announcements_per_day

    def announced_today(self, today: date) -> int:
        return self.announced_that_day if self.announced_on == today else 0

    def count_announcement(self, today: date) -> None:
        self.announced_that_day = self.announced_today(today) + 1
        self.announced_on = today


def group_radius(radius_m: int, rules: Rules) -> int:
    """A group's radius within the community's bounds, else refused."""
    low, high = rules.group_radius_min_m, rules.group_radius_max_m
    if not low <= radius_m <= high:
        raise InvalidInput("group_radius", low=low, high=high)
    return radius_m
