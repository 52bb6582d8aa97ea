"""Reports about neighbors, posts and exchanges, and the moderation workflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from neighborshare.domain.errors import ConflictOfInterest, InvalidInput, InvalidTransition
from neighborshare.domain.rules import Rules


class ReportCategory(StrEnum):
    FOOD_SAFETY = "food_safety"
    NO_SHOW = "no_show"
    HARASSMENT = "harassment"
    INAPPROPRIATE = "inappropriate"
    SPAM = "spam"
    FAKE_LISTING = "fake_listing"
    OTHER = "other"


class ReportStatus(StrEnum):
    OPEN = "open"
    IN_REVIEW = "in_review"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class ModerationAction(StrEnum):
    WARN = "warn"
    HIDE_POST = "hide-post"
    SUSPEND = "suspend"
    BAN = "ban"
    ADJUST_CREDITS = "adjust-credits"


UNHANDLED = frozenset({ReportStatus.OPEN, ReportStatus.IN_REVIEW})


@dataclass(eq=False)
class Report:
    reported_id: int
    category: ReportCategory
    description: str
    created_at: datetime
    reporter_id: int | None = None  # None: raised by the system itself
    post_id: int | None = None
    exchange_id: int | None = None
    evidence_ref: str | None = None
    status: ReportStatus = ReportStatus.OPEN
    moderator_id: int | None = None
    resolution: str | None = None
    note: str = ""
    resolved_at: datetime | None = None
    id: int | None = None

    def involves(self, user_id: int) -> bool:
        return user_id in (self.reporter_id, self.reported_id)

    def _check_moderator(self, moderator_id: int) -> None:
        if self.involves(moderator_id):
            raise ConflictOfInterest()
        if self.status not in UNHANDLED:
            raise InvalidTransition(
                "report_already_closed", report=self.id, status=self.status.value
            )

    def claim(self, moderator_id: int) -> None:
        self._check_moderator(moderator_id)
        if self.status is ReportStatus.IN_REVIEW and self.moderator_id != moderator_id:
            raise InvalidTransition("report_in_review", report=self.id)
        self.status = ReportStatus.IN_REVIEW
        self.moderator_id = moderator_id

    def close(
        self, moderator_id: int, outcome: ReportStatus, resolution: str, note: str, now: datetime
    ) -> None:
        self._check_moderator(moderator_id)
        self.status = outcome
        self.moderator_id = moderator_id
        self.resolution = resolution
        self.note = note
        self.resolved_at = now


def clean_description(raw: str, rules: Rules) -> str:
    text = raw.strip()
    if not text or len(text) > rules.max_report_length:
        raise InvalidInput("report_description_length", maximum=rules.max_report_length)
    return text


def reporter_is_limited(latest: list[Report], rules: Rules) -> bool:
    """A reporter whose last N handled reports were all dismissed is limited to fewer reports.

    Reports still waiting for a moderator are skipped: filing a new one must not lift the limit.
    """
    n = rules.dismissed_streak_to_limit
    handled = [r for r in latest if r.status not in UNHANDLED][:n]
    return len(handled) >= n and all(r.status is ReportStatus.DISMISSED for r in handled)


def reports_warrant_suspension(open_recent: list[Report], rules: Rules) -> bool:
    reporters = {r.reporter_id for r in open_recent if r.reporter_id is not None}
    return len(reporters) >= rules.reports_to_suspend
