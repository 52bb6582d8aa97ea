"""The bot's fixed replies: greetings, prompts, hints and apologies."""

from __future__ import annotations

HELP = (
    "<b>NeighborShare</b> – share home-cooked and surplus food with neighbors.\n\n"
    "/share – offer a dish\n"
    "/browse – see dishes nearby\n"
    "/request – ask for portions of a dish\n"
    "/mine – your posts and requests\n"
    "/credits – your balance and recent movements\n"
    "/rate – rate a finished exchange\n"
    "/report – tell the moderators about a problem\n"
    "/start – set up or edit your profile\n"
    "/cancel – stop what you're doing"
)

WELCOME_NEW = "👋 Welcome to NeighborShare! Let's set up your profile (about a minute).\n\n"
WELCOME_EDIT = "Let's update your profile. Your credits and history stay as they are.\n\n"
ASK_NAME = "What should neighbors call you? (Your first name is enough.)"
ASK_PHONE = (
    "Thanks, {name}! Please confirm your phone number with the button below. "
    "It is never shown to anyone."
)
ASK_PHONE_TYPED = "\nOr type your number and I'll text you a code."
SHARE_CONTACT = "📱 Share my phone number"
SEND_LOCATION = "📍 Send my location"
ASK_CODE = "I've sent a code by SMS. Please type it here."
ASK_APARTMENT = "Which apartment or house number are you? Only neighbors you accept will see it."
ASK_LOCATION = (
    "Where is home? Please send a location pin (📎 → Location) so we can show you dishes nearby."
)
ASK_LOCATION_TYPED = " You can also type your street address."
ASK_DIET = "Do you follow any of these diets? Tap all that apply, then Done."
ASK_ALLERGIES = "Any allergies? Tap all that apply, then Done."
ASK_CUSTOM = "Anything else you avoid (e.g. “coriander, mushrooms”)? Type it, or tap Skip."

ASK_FOOD_NAME = "🍲 What are you sharing? Send the dish's name."
ASK_PHOTO = "Send a photo of it, or tap Skip."
ASK_PORTIONS = "How many portions? Tap or type a number from 1 to {max}."
ASK_ALLERGENS = "Which allergens does it contain? Tap all that apply, then Done."
ASK_DIET_TAGS = "Is it any of these? Tap all that apply, then Done."
ASK_WINDOW = (
    "When can neighbors pick it up? Tap an option or type something like "
    "“6-7pm today”, “18:00-19:30” or “tomorrow 12-1pm”."
)

NOT_REGISTERED = "Please set up your profile first with /start."
CANCELLED = "Cancelled. Nothing was saved. /help shows what you can do."
NOTHING_TO_CANCEL = "There's nothing to cancel. /help shows what you can do."
UNKNOWN = (
    "I didn't get that. Try /browse to see dishes nearby, /share to offer one, or /help."
)
UNKNOWN_COMMAND = "I don't know that command. /help lists the ones I do."
STALE_BUTTON = "That button belongs to a finished conversation. /help shows what you can do."
APOLOGY = "Sorry, something went wrong on our side. Please try again in a moment."
SLOW_DOWN = "You're going a little fast. Please wait a minute and try again."
