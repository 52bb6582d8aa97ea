"""/mydata: everything kept about a neighbor, as plain data (codes and values, no sentences).

Left out on purpose: the phone's keyed hash (only its last two digits are the neighbor's to see),
the ledger's keys (the welcome bonus's holds that hash), who rated them and whom they rated,
whom they reported, every report filed against them, and which moderator acted on the account
(the action, its reason and time are in).
"""

from __future__ import annotations

from typing import Any

from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.ratings import Rating
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import Report
from neighborshare.domain.users import User
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import user_or_refuse
from neighborshare.services.transactions import read_only

Data = dict[str, Any]
EVERYTHING = 100_000  # a neighbor's whole history: far more rows than anyone has


class ExportService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock) -> None:
        self._uow = uow_factory
        self._clock = clock

    def export(self, user_id: int) -> Data:
        """The neighbor's profile, posts, exchanges, credits, ratings, reports filed and what
        was done to their account (suspensions, warnings...)."""
        return read_only(self._uow, lambda uow: self._export(uow, user_id))

    def _export(self, uow: UnitOfWork, user_id: int) -> Data:
        user = user_or_refuse(uow, user_id)
        exchanges = uow.exchanges.for_user(user_id, EVERYTHING)
        dishes = uow.posts.get_many([e.post_id for e in exchanges])
        return {
            "exported_at": self._clock.now(),
            "profile": profile(user),
            "posts": [post(p) for p in uow.posts.by_sharer(user_id, EVERYTHING)],
            "exchanges": [exchange(e, user_id, dishes.get(e.post_id)) for e in exchanges],
            "credits": {
                "balance": user.balance,
                "ledger": [movement(t) for t in uow.credits.history(user_id, EVERYTHING)],
            },
            "ratings": {
                "given": [rating(r) for r in uow.ratings.given_by(user_id)],
                "received": [rating(r) for r in uow.ratings.received_by(user_id)],
            },
            "reports_filed": [
                report(r) for r in uow.reports.latest_by_reporter(user_id, EVERYTHING)
            ],
            "account_actions": [
                action(a) for a in uow.audit.about("user", user_id, EVERYTHING)
            ],
        }


def profile(user: User) -> Data:
    return {
        "id": user.id,
        "telegram_id": user.telegram_id,
        "preferred_name": user.preferred_name,
        "phone_last_two_digits": user.phone.last_two,
        "apartment": user.apartment,
        "location": {"latitude": user.location.latitude, "longitude": user.location.longitude},
        "diet_restrictions": sorted(t.value for t in user.diet_restrictions),
        "allergies": sorted(a.value for a in user.allergies),
        "custom_allergies": user.custom_allergies,
        "role": user.role.value,
        "status": user.status.value,
        "suspended_until": user.suspended_until,
        "created_at": user.created_at,
        "updated_at": user.updated_at,
        "settings": {
            "new_dish_alerts": user.notifications_enabled,
            "alert_radius_m": user.alert_radius_m,
            "quiet_start_minute": user.quiet_start_minute,
            "quiet_end_minute": user.quiet_end_minute,
            "daily_digest": user.daily_digest,
            "weekly_digest": user.weekly_digest,
            "language": user.language,
            "telegram_language": user.telegram_language,
            "reachable": user.reachable,
        },
    }


def post(p: FoodPost) -> Data:
    return {
        "id": p.id,
        "name": p.name,
        "description": p.description,
        "portions": p.portions,
        "portions_reserved": p.portions_reserved,
        "allergens": sorted(a.value for a in p.allergens),
        "diet_tags": sorted(t.value for t in p.diet_tags),
        "pickup_start": p.window.start,
        "pickup_end": p.window.end,
        "location": {"latitude": p.location.latitude, "longitude": p.location.longitude},
        "has_photo": p.photo_ref is not None,
        "status": p.status.value,
        "created_at": p.created_at,
    }


def exchange(e: ExchangeRequest, user_id: int, dish: FoodPost | None) -> Data:
    """The exchange from the neighbor's side: the dish, never who the other side was."""
    return {
        "id": e.id,
        "role": e.party(user_id),
        "post_id": e.post_id,
        "dish": dish.name if dish is not None else None,
        "portions": e.portions,
        "status": e.status.value,
        "created_at": e.created_at,
        "responded_at": e.responded_at,
        "pickup_confirmed_at": e.pickup_confirmed_at,
        "completed_at": e.completed_at,
        "closed_at": e.closed_at,
    }


def movement(t: CreditTransaction) -> Data:
    return {
        "amount": t.amount,
        "kind": t.kind.value,
        "exchange_id": t.exchange_id,
        "created_at": t.created_at,
    }


def rating(r: Rating) -> Data:
    """Stars and comment; neither the rater nor the rated, nor the exchange that names them."""
    return {
        "interaction": r.interaction,
        "food": r.food,
        "comment": r.comment,
        "created_at": r.created_at,
    }


def action(a: AuditEntry) -> Data:
    """What a moderator (or the neighbor, or the system) did to the account, not who did it."""
    return {"action": a.action, "reason": a.reason, "at": a.at}


def report(r: Report) -> Data:
    """A report the neighbor filed: what about, not whom."""
    about = "post" if r.post_id is not None else "neighbor"
    return {
        "id": r.id,
        "about": "exchange" if r.exchange_id is not None else about,
        "category": r.category.value,
        "description": r.description,
        "has_evidence": r.evidence_ref is not None,
        "status": r.status.value,
        "created_at": r.created_at,
        "resolved_at": r.resolved_at,
    }
