"""Every number of the product's rules, as configurable defaults (DESIGN sections 4-6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time, timedelta


@dataclass(frozen=True, slots=True)
class Rules:
    """The community's policy knobs; settings may override any of them."""

    time_zone: str = "Europe/London"
    # what a neighbor reads when neither their choice nor Telegram names a shipped language
    default_language: str = "en"
    # sharing
    max_portions_per_post: int = 20
    window_grace: timedelta = timedelta(minutes=5)
    window_horizon: timedelta = timedelta(hours=48)
    max_food_name_length: int = 80
    max_description_length: int = 500
    # exchanges
    max_open_requests: int = 3
    auto_complete_after: timedelta = timedelta(hours=24)
    # credits
    welcome_bonus: int = 5
    credits_per_portion: int = 1
    five_star_bonus: int = 1
    # browse and privacy
    browse_radius_m: int = 1000
    notify_radius_m: int = 1000
    browse_page_size: int = 5
    privacy_grid_m: float = 100.0
    map_max_dishes: int = 100  # the Mini App's map shows this many nearest dishes at most
    # ratings
    rating_window: timedelta = timedelta(days=7)
    ratings_before_shown: int = 3
    low_rating_threshold: int = 3
    low_rating_count: int = 3
    low_rating_period: timedelta = timedelta(days=30)
    low_rating_suspension: timedelta = timedelta(days=30)
    # reports and moderation
    reports_to_suspend: int = 3
    report_period: timedelta = timedelta(days=30)
    report_suspension: timedelta = timedelta(days=30)
    dismissed_streak_to_limit: int = 5
    limited_reports_per_day: int = 1
    max_report_length: int = 1000
    # notifications
    quiet_start: time = time(22, 0)
    quiet_end: time = time(8, 0)
    max_new_post_alerts_per_day: int = 5
    # community groups (/linkgroup): announcements a day each, and the radius an admin may pick
    max_group_announcements_per_day: int = 5
    group_radius_min_m: int = 200
    group_radius_max_m: int = 3000
    reminder_before_window: timedelta = timedelta(minutes=15)
    # digests: local times, sent at most once per day or week, caught up within a few hours
    daily_digest_at: time = time(8, 0)
    weekly_digest_at: time = time(9, 0)
    weekly_digest_weekday: int = 0  # Monday
    digest_catch_up: timedelta = timedelta(hours=3)
    digest_max_posts: int = 5
    # conversations and rate limits
    session_idle: timedelta = timedelta(minutes=30)
    updates_per_minute: int = 10
    # Telegram redelivers an update for at most a day; a week of ids is ample.
    update_ids_kept: timedelta = timedelta(days=7)
