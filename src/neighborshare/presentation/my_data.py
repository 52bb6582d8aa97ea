"""/mydata and /deleteaccount: the export as a JSON file, and what erasing an account means."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from neighborshare.ports.services import Button
from neighborshare.presentation.i18n import N_, _
from neighborshare.presentation.keyboards import Rows

EXPORT_CAPTION = N_(
    "📦 Everything NeighborShare keeps about you. Your phone number is not in it: we keep "
    "only a keyed hash of it and its last two digits."
)
DELETE_ASK = N_(
    "⚠️ <b>Delete your account?</b>\n"
    "• Your open requests are cancelled and your dishes withdrawn; every hold is returned.\n"
    "• Your name, apartment, location, photos and comments are erased.\n"
    "• Your credit history stays under a pseudonym, so that the books balance.\n"
    "• A keyed hash of your phone number is kept only so that a new account with it gets no "
    "second welcome bonus.\n"
    "This can't be undone."
)
DELETED = N_(
    "Your account is deleted. Thank you for sharing! If you come back, /start sets you up "
    "again, without a second welcome bonus."
)
KEPT = N_("Good, your account stays as it is.")


def delete_buttons() -> Rows:
    return ((Button(_("🗑 Delete my account"), "da:yes"), Button(_("Keep it"), "da:no")),)


def export_json(data: dict[str, Any]) -> bytes:
    """The export as readable JSON (UTF-8, moments in ISO 8601 with their offset)."""
    return json.dumps(data, default=_plain, ensure_ascii=False, indent=2).encode()


def export_filename(now: datetime) -> str:
    return f"neighborshare-my-data-{now:%Y-%m-%d}.json"


def _plain(value: object) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")
