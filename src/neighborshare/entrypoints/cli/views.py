"""Domain objects as the rows moderators see: no phone hashes, no apartment numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from neighborshare.domain.credits import CreditTransaction
from neighborshare.domain.exchanges import ExchangeRequest
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.records import AuditEntry
from neighborshare.domain.reports import Report
from neighborshare.domain.users import User
from neighborshare.services.casework import NeighborHistory, ReportLine

Row = dict[str, Any]


def age(moment: datetime, now: datetime) -> str:
    hours = int((now - moment).total_seconds() // 3600)
    return f"{hours // 24}d {hours % 24}h" if hours >= 24 else f"{hours}h"


def report_row(report: Report) -> Row:
    return {
        "id": report.id,
        "status": report.status,
        "category": report.category,
        "reported_id": report.reported_id,
        "reporter_id": report.reporter_id,
        "post_id": report.post_id,
        "exchange_id": report.exchange_id,
        "created_at": report.created_at,
        "description": report.description,
        "moderator_id": report.moderator_id,
        "resolution": report.resolution,
        "note": report.note,
        "resolved_at": report.resolved_at,
    }


def report_line(line: ReportLine, now: datetime) -> Row:
    return report_row(line.report) | {
        "age": age(line.report.created_at, now),
        "reported_name": line.reported_name,
        "prior_reports": line.prior_reports,
    }


def user_row(user: User) -> Row:
    return {
        "id": user.id,
        "name": user.preferred_name,
        "telegram_id": user.telegram_id,
        "role": user.role,
        "status": "erased" if user.is_erased else user.status,
        "suspended_until": user.suspended_until,
        "balance": user.balance,
        "joined": user.created_at,
        "erased_at": user.erased_at,
        "diet_restrictions": user.diet_restrictions,
        "allergies": user.allergies,
    }


def post_row(post: FoodPost) -> Row:
    return {
        "id": post.id,
        "name": post.name,
        "sharer_id": post.sharer_id,
        "status": post.status,
        "portions": post.portions,
        "portions_left": post.portions_left,
        "window_start": post.window.start,
        "window_end": post.window.end,
        "allergens": post.allergens,
        "diet_tags": post.diet_tags,
        "created_at": post.created_at,
        "description": post.description,
    }


def exchange_row(exchange: ExchangeRequest) -> Row:
    return {
        "id": exchange.id,
        "post_id": exchange.post_id,
        "requester_id": exchange.requester_id,
        "sharer_id": exchange.sharer_id,
        "portions": exchange.portions,
        "status": exchange.status,
        "created_at": exchange.created_at,
        "closed_at": exchange.closed_at,
    }


def credit_row(tx: CreditTransaction) -> Row:
    return {
        "id": tx.id,
        "at": tx.created_at,
        "amount": tx.amount,
        "kind": tx.kind,
        "description": tx.description,
        "exchange_id": tx.exchange_id,
    }


def audit_row(entry: AuditEntry) -> Row:
    return {
        "id": entry.id,
        "at": entry.at,
        "actor_id": entry.actor_id,  # None: the system itself, or the operator (bootstrap)
        "action": entry.action,
        "target": f"{entry.target_type} #{entry.target_id}",
        "reason": entry.reason,
        "details": entry.details,
    }


def history_row(history: NeighborHistory) -> Row:
    return user_row(history.user) | {
        "rating": history.rating.average,
        "ratings_received": history.rating.count,
        "reports_against": history.reports_against,
        "reports_filed": [report_row(r) for r in history.reports_filed],
        "recent_exchanges": [exchange_row(e) for e in history.exchanges],
        "recent_posts": [post_row(p) for p in history.posts],
    }


def summary(row: Row) -> Row:
    """The scalar fields of a row, for a two-column table."""
    return {k: v for k, v in row.items() if not isinstance(v, list | dict)}
