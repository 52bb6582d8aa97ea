"""The background jobs, each "handle everything overdue", and `run_due_jobs` that runs them.

Every job is idempotent and decides for itself what is due at the clock's time (a digest
before 08:00 does nothing; metrics once per 5-minute slot), so running a job more often than
its schedule, twice at once, or again after a crash changes nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from neighborshare.container import Container


@dataclass(frozen=True, slots=True)
class Job:
    name: str
    run: Callable[[Container], int]
    schedule: dict[str, str] = field(default_factory=dict)  # huey crontab(...) arguments, UTC


def drain_outbox(c: Container) -> int:
    result = c.notifications().drain_all()
    return result.handled


def expire_overdue(c: Container) -> int:
    """Posts past their window with their pending requests, then any request left over."""
    sweeps = c.sweeps()
    return int(sweeps.expire_posts().handled + sweeps.expire_requests().handled)


def pickup_prompts(c: Container) -> int:
    """Reminders 15 minutes before the window, and "did the pickup happen?" at its end."""
    sweeps = c.sweeps()
    return int(sweeps.send_reminders().handled + sweeps.ask_about_pickups().handled)


def auto_complete(c: Container) -> int:
    return int(c.sweeps().auto_complete().handled)


def clean_sessions(c: Container) -> int:
    return int(c.sweeps().clean_sessions().handled)


def forget_old_update_ids(c: Container) -> int:
    return int(c.sweeps().forget_old_update_ids().handled)


def daily_digest(c: Container) -> int:
    return int(c.digests().send_daily())


def weekly_digest(c: Container) -> int:
    return int(c.digests().send_weekly())


def business_metrics(c: Container) -> int:
    return 0 if c.metrics().report_if_due() is None else 1


EVERY_MINUTE: dict[str, str] = {}
# Digests are checked hourly: whichever hour is 08:00 (or Monday 09:00) in the community's
# zone sends them, and a missed hour is caught up by the next one within the catch-up period.
JOBS: tuple[Job, ...] = (
    Job("expire_overdue", expire_overdue, EVERY_MINUTE),
    Job("pickup_prompts", pickup_prompts, EVERY_MINUTE),
    Job("auto_complete", auto_complete, {"minute": "*/10"}),
    Job("clean_sessions", clean_sessions, {"minute": "17"}),
    Job("forget_old_update_ids", forget_old_update_ids, {"minute": "41", "hour": "3"}),
    Job("daily_digest", daily_digest, {"minute": "0,30"}),
    Job("weekly_digest", weekly_digest, {"minute": "0,30"}),
    Job("business_metrics", business_metrics, {"minute": "*/5"}),
    Job("redrain_outbox", drain_outbox, EVERY_MINUTE),  # whatever a lost task left behind
)


def run_due_jobs(container: Container) -> dict[str, Any]:
    """Run every job that is due at ``container.clock()``'s time, then drain the outbox.

    This is what the chat's ``<wait>`` calls after moving the clock; the worker runs the same
    jobs on its schedule. Returns how many items each job handled.
    """
    handled = {job.name: job.run(container) for job in JOBS if job.run is not drain_outbox}
    handled["drain_outbox"] = drain_outbox(container)
    return handled
