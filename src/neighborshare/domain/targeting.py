"""Who hears about a new post, and when a message may wake someone."""

from __future__ import annotations

from datetime import datetime, time

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.preferences import alert_radius_m, quiet_hours
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User


def in_quiet_hours(local: time, start: time, end: time) -> bool:
    """Whether ``local`` falls in a quiet period that may wrap past midnight."""
    if start == end:
        return False
    if start < end:
        return start <= local < end
    return local >= start or local < end


def new_post_alert_allowed(
    user: User,
    post: FoodPost,
    local_now: datetime,
    alerts_today: int,
    rules: Rules,
) -> bool:
    """Whether ``user`` should be alerted now about ``post``.

    Verified, active, opted in, reachable, not the sharer, within their own alert radius, no
    dietary conflict, outside their quiet hours and under the daily cap. Those in quiet hours
    still see the post in their digest.
    """
    if user.id == post.sharer_id or not user.notifications_enabled or not user.reachable:
        return False
    if user.location.distance_m(post.location) > alert_radius_m(user, rules):
        return False
    if not user.is_active(local_now):
        return False
    if user.conflicts_with(post.allergens, post.diet_tags, post.searchable_text()):
        return False
    if in_quiet_hours(local_now.time(), *quiet_hours(user, rules)):
        return False
    return alerts_today < rules.max_new_post_alerts_per_day
