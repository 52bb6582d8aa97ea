"""What a refusal says, in the reader's language: each domain error's code, worded.

A code the table does not know falls back to its error class's own code, so a new specific
refusal is never shown as a bare code.
"""

from __future__ import annotations

from neighborshare.domain.errors import NeighborShareError
from neighborshare.presentation.formatting import esc, plural
from neighborshare.presentation.i18n import N_

REFUSALS = {
    # the classes' own codes
    "unavailable": N_("Sorry, that can't be done right now."),
    "invalid_input": N_("That doesn't look right. Please try again."),
    "not_found": N_("I couldn't find that. It may have been removed."),
    "outbox_not_failed": N_("That message has not failed: only a failed one can be retried "
                            "or dropped."),
    "group_not_linked": N_("No group with that chat id is linked."),
    "not_allowed": N_("You're not allowed to do that."),
    "not_registered": N_("Please set up your profile first with /start."),
    "account_suspended": N_(
        "Your account is paused while a moderator reviews it, so you can't post or request "
        "food for now."
    ),
    "account_banned": N_("This account has been closed by the moderators."),
    "account_erased": N_("That account was deleted, so nothing more can change it."),
    "outside_service_area": N_(
        "Sorry, NeighborShare isn't in your area yet. We'll be there soon!"
    ),
    "phone_already_registered": N_("That phone number already belongs to another neighbor."),
    "verification_failed": N_("That code didn't match. Please check it and try again."),
    "verification_unavailable": N_(
        "Phone verification is unavailable right now. Please try again later."
    ),
    "verification_expired": N_("That code has expired. Please ask for a new one."),
    "too_many_verification_attempts": N_(
        "Too many tries for that number. Please wait 10 minutes and try again."
    ),
    "geocoding_failed": N_(
        "I couldn't find that address. Please send a location pin instead."
    ),
    "geocoding_unavailable": N_(
        "Address lookup isn't working right now. Please send a location pin instead."
    ),
    "invalid_pickup_window": N_("That pickup window doesn't work."),
    "own_post": N_("That's your own dish – you can't request it."),
    "not_enough_portions": N_("There aren't that many portions left."),
    "post_not_available": N_("This dish is no longer available."),
    "too_many_open_requests": N_(
        "You already have {limit} open requests. Pick one up or cancel one first."
    ),
    "already_requested": N_(
        "You already asked for {portions} of this dish and the sharer hasn't answered yet. "
        "/mine shows your request."
    ),
    "not_enough_credits": N_("You don't have enough credits for that."),
    "invalid_transition": N_("That exchange can't be changed that way any more."),
    "rating_not_allowed": N_("You can't rate this exchange."),
    "already_rated": N_("You've already rated this exchange. Thank you!"),
    "report_limit_reached": N_(
        "You can file one report a day for now. Please try again tomorrow."
    ),
    "not_a_moderator": N_("Only moderators can do that."),
    "conflict_of_interest": N_(
        "You can't handle a report that involves you. Ask another moderator."
    ),
    "invalid_photo": N_("That photo couldn't be used. Please send a JPEG or PNG under 5 MB."),
    "rate_limited": N_("You're going a little fast. Please wait a minute and try again."),
    "concurrency_conflict": N_("Lots happening right now. Please try again."),
    "photos_unavailable": N_(
        "Photos can't be saved right now. Please try again in a few minutes."
    ),
    # specific refusals
    "no_such_neighbor": N_("There is no neighbor #{user}."),
    "no_such_dish": N_("I couldn't find that dish. It may have been removed."),
    "no_such_exchange": N_("I couldn't find that exchange."),
    "no_such_report": N_("There is no report #{report}."),
    "neighbor_gone": N_("That neighbor no longer exists."),
    "moderator_exists": N_(
        "There is already a moderator: ask them to promote this neighbor (--as)."
    ),
    "banned_cannot_moderate": N_("A banned neighbor can't become a moderator."),
    "not_a_phone_number": N_("That doesn't look like a phone number."),
    "share_own_contact": N_("Please share your own contact with the button below."),
    "use_contact_button": N_("Please use the “Share my phone number” button."),
    "code_digits": N_("Please send the digits of the code we texted you."),
    "report_yourself": N_("You can't report yourself."),
    "report_one_target": N_("Please choose one post, exchange or neighbor to report."),
    "report_not_about_post": N_(
        "This report isn't about a post, so there is no post to hide."
    ),
    "adjust_amount_missing": N_(
        "Say how many credits to add or remove (for example 2 or -2)."
    ),
    "adjust_by_zero": N_("Adjust by a non-zero number of credits."),
    "adjust_below_zero": N_(
        "The balance is {balance}, so it can't go down by {cost}: a balance never goes "
        "below zero."
    ),
    "own_account": N_("You can't take moderator action on your own account."),
    "moderate_own_post": N_("You can't moderate your own post."),
    "reason_missing": N_("Please give a reason."),
    "reason_too_long": N_("Please keep the reason under {limit} characters."),
    "suspension_days": N_("Suspend for 1 to {maximum} days."),
    "at_least_one_portion": N_("Please ask for at least one portion."),
    "request_costs": N_(
        "That needs {cost} and you have {balance}. Share a dish to earn more!"
    ),
    "balance_too_low": N_("You need {cost} but have {balance}. Share a dish to earn more!"),
    "cancel_after_window": N_(
        "The pickup window is over, so this can't be cancelled any more. If the "
        "pickup didn't happen, tell the sharer or /report it."
    ),
    "window_passed": N_("The pickup window has passed, so this can't be accepted."),
    "no_show_too_early": N_("You can mark a no-show once the pickup window has begun."),
    "sharer_only_accept": N_("Only the neighbor who shared the dish can accept this."),
    "sharer_only_decline": N_("Only the neighbor who shared the dish can decline this."),
    "sharer_only_no_show": N_(
        "Only the neighbor who shared the dish can mark this as a no-show."
    ),
    "portions_range": N_("Please choose a number of portions from 1 to {maximum}."),
    "portions_to_share": N_("Please choose 1 to {maximum} portions."),
    "cannot_text_number": N_("I can't send a text to that number. Please check it."),
    "address_missing": N_("Please type a street address, or send a location pin."),
    "addresses_unavailable": N_(
        "Typed addresses aren't available here. Please send a location pin (📎 → Location)."
    ),
    "rate_after_pickup": N_("You can rate an exchange once the pickup has happened."),
    "rating_closed": N_("Ratings are open for {days} after the pickup."),
    "food_rated_by_requester": N_("Only the neighbor who received the food rates the food."),
    "food_stars": N_("Please give the food 1 to 5 stars."),
    "interaction_stars": N_("Please give the interaction 1 to 5 stars."),
    "comment_length": N_("Please keep the comment under {maximum} characters."),
    "type_your_answer": N_("Please type your answer."),
    "send_location_pin": N_("Please send a location pin (📎 → Location)."),
    "send_a_photo": N_("Please send a photo."),
    "photo_over_5_mb": N_("That photo is over 5 MB. Please send a smaller one."),
    "photo_too_large": N_("That photo is too large. Please send a smaller one."),
    "invalid_photo_key": N_("That photo key isn't valid."),
    "invalid_photo_folder": N_("That photo folder isn't valid."),
    "photo_gone": N_("That photo is gone."),
    "name_length": N_("Please send a name of 1 to {maximum} characters."),
    "apartment_length": N_("Please send an apartment number of 1 to {maximum} characters."),
    "dish_name_length": N_("Please name the dish in 1 to {maximum} characters."),
    "all_portions_claimed": N_("Sorry, every portion of this dish has been claimed."),
    "only_left": N_("Only {left} left."),
    "not_your_dish": N_("That dish isn't yours."),
    "dish_closed": N_("This dish is no longer offered, so it can't be changed."),
    "below_reserved": N_(
        "Neighbors already hold {reserved} of this dish, so it can't have fewer."
    ),
    "window_only_later": N_(
        "The pickup window can only move later, not earlier: neighbors may already be "
        "planning for it."
    ),
    "allergen_list_expected": N_("Expected a list of allergens."),
    "diet_tag_list_expected": N_("Expected a list of diet tags."),
    "unknown_allergen": N_("I don't know the allergen '{value}'."),
    "unknown_diet_tag": N_("I don't know the diet tag '{value}'."),
    "invalid_location": N_("That location isn't valid."),
    "window_needs_time_zone": N_("A pickup window needs a time zone."),
    "window_ends_before_start": N_("The pickup window must end after it starts."),
    "window_over": N_(
        "That pickup window is already over. Pick a later time, or say “tomorrow”."
    ),
    "window_started": N_("That pickup window has already started. Pick a later time."),
    "window_too_far": N_("The pickup window must end within {hours} hours."),
    "unknown_pickup_option": N_("I don't know that pickup option."),
    "window_unreadable": N_(
        "I didn't catch that time. Try a button, or type something like "
        "“6-7pm today”, “18:00-19:30”, “tomorrow 12-1pm” or “now-8pm”."
    ),
    "cannot_become_accepted": N_("This request can't be accepted any more."),
    "cannot_become_declined": N_("This request can't be declined any more."),
    "cannot_become_cancelled": N_("This exchange can't be cancelled any more."),
    "cannot_become_completed": N_("This exchange can't be marked as picked up."),
    "cannot_become_no_show": N_("This exchange can't be marked as a no-show."),
    "cannot_become_expired": N_("This request has already been answered."),
    "not_your_exchange": N_("That exchange isn't yours."),
    "report_already_closed": N_("Report #{report} is already {status}."),
    "report_in_review": N_("Report #{report} is already being reviewed."),
    "alert_radius": N_("Please choose an alert radius from {minimum} m to {maximum} m."),
    "quiet_hours": N_("Please choose quiet hours within the day, from 00:00 to 23:59."),
    "unknown_language": N_("I don't speak that language yet."),
    "report_description_length": N_(
        "Please describe what happened in 1 to {maximum} characters."
    ),
}

# values that read as a counted noun ("2 credits", "2 Guthaben", "2 кредити")
_COUNTED = {"cost": "credit", "left": "portion", "portions": "portion", "days": "day",
            "reserved": "portion"}


def explain(error: NeighborShareError) -> str:
    """The refusal in the current language, as plain text (the CLI shows it so)."""
    template = REFUSALS.get(error.code) or _class_template(error)
    values = {key: _value(key, value) for key, value in error.values.items()}
    try:
        return str(template).format(**values)
    except (KeyError, IndexError):  # a translation asking for a value this refusal lacks
        return str(_class_template(error)).format(**values)


def refusal_text(error: NeighborShareError) -> str:
    """The refusal as a bot message (HTML, the values escaped)."""
    return esc(explain(error))


def _class_template(error: NeighborShareError) -> str:
    for kind in type(error).__mro__:
        code = getattr(kind, "code", None)
        if isinstance(code, str) and code in REFUSALS:
            return REFUSALS[code]
    return REFUSALS["unavailable"]


def _value(key: str, value: object) -> object:
    if key in _COUNTED and isinstance(value, int):
        return plural(value, _COUNTED[key])
    return value
