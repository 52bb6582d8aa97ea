"""Every sentence the Mini App's page shows, in one place and in the gettext catalogs, served to
the page as JSON in the neighbor's language (the page's own code holds no sentences)."""

from __future__ import annotations

from neighborshare.presentation.i18n import N_, choose, speaking

TEXTS: dict[str, str] = {
    "title": N_("Dishes nearby"),
    "loading": N_("Looking for dishes nearby…"),
    "show_all": N_("Show all dishes"),
    "nothing": N_("Nothing to pick up nearby right now. Why not /share something?"),
    "nothing_filtered": N_(
        "Nothing nearby fits your diet right now. Show all dishes to see every one."
    ),
    "tiles_unavailable": N_("The map can't be shown right now; the dishes are listed below."),
    "your_dishes": N_("Your dishes"),
    "portions_left": N_("{count} left"),
    "allergens": N_("Allergens: {list}"),
    "no_allergens": N_("Allergens: none listed"),
    "pickup": N_("Pickup {window}"),
    # the rating keeps its own brackets ("3.8★ (3)"): set apart by a dot, as on a chat card
    "shared_by": N_("{distance} · shared by {name} · {rating}"),
    "doesnt_fit": N_("⚠️ This dish doesn't fit your diet or allergies."),
    "portions": N_("Portions"),
    "request": N_("🙋 Request"),
    "requesting": N_("Asking…"),
    "requested": N_(
        "🙋 You asked {name} for {portions}. The bot will tell you in the chat when they answer "
        "(balance now {balance})."
    ),
    "close": N_("Close"),
    "balance": N_("Balance: {balance} credits"),
    "no_session": N_("Open this page from the bot's Map button in Telegram."),
    "error": N_("Sorry, something went wrong on our side. Please try again in a moment."),
}


def page_texts(*preferences: str | None) -> tuple[str, dict[str, str]]:
    """(the language used, the page's texts in it): the first shipped one, else English."""
    language = choose(*preferences)
    with speaking(language):
        return language, {key: str(text) for key, text in TEXTS.items()}
