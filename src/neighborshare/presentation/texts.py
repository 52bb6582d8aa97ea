"""The bot's fixed replies: greetings, prompts, hints and apologies."""

from __future__ import annotations

from neighborshare.presentation.i18n import N_

HELP = N_(
    "<b>NeighborShare</b> – share home-cooked and surplus food with neighbors.\n\n"
    "/share – offer a dish\n"
    "/browse – see dishes nearby\n"
    "/request – ask for portions of a dish\n"
    "/mine – your posts (edit, withdraw) and requests\n"
    "/credits – your balance and recent movements\n"
    "/settings – alerts, digests and language\n"
    "/rate – rate a finished exchange\n"
    "/report – tell the moderators about a problem\n"
    "/start – set up or edit your profile\n"
    "/mydata – everything kept about you, as a file\n"
    "/deleteaccount – delete your account\n"
    "/cancel – stop what you're doing"
)

WELCOME_NEW = N_("👋 Welcome to NeighborShare! Let's set up your profile (about a minute).\n\n")
WELCOME_EDIT = N_("Let's update your profile. Your credits and history stay as they are.\n\n")
ASK_NAME = N_("What should neighbors call you? (Your first name is enough.)")
ASK_PHONE = N_(
    "Thanks, {name}! Please confirm your phone number with the button below. "
    "It is never shown to anyone."
)
ASK_PHONE_TYPED = N_("\nOr type your number and I'll text you a code.")
SHARE_CONTACT = N_("📱 Share my phone number")
SEND_LOCATION = N_("📍 Send my location")
ASK_CODE = N_("I've sent a code by SMS. Please type it here.")
ASK_APARTMENT = N_(
    "Which apartment or house number are you? Only neighbors you accept will see it."
)
ASK_LOCATION = N_(
    "Where is home? Please send a location pin (📎 → Location) so we can show you dishes nearby."
)
ASK_LOCATION_TYPED = N_(" You can also type your street address.")
ASK_DIET = N_("Do you follow any of these diets? Tap all that apply, then Done.")
ASK_ALLERGIES = N_("Any allergies? Tap all that apply, then Done.")
ASK_CUSTOM = N_("Anything else you avoid (e.g. “coriander, mushrooms”)? Type it, or tap Skip.")

ASK_FOOD_NAME = N_("🍲 What are you sharing? Send the dish's name.")
ASK_PHOTO = N_("Send a photo of it, or tap Skip.")
ASK_PORTIONS = N_("How many portions? Tap or type a number from 1 to {max}.")
ASK_ALLERGENS = N_("Which allergens does it contain? Tap all that apply, then Done.")
ASK_DIET_TAGS = N_("Is it any of these? Tap all that apply, then Done.")
ASK_WINDOW = N_(
    "When can neighbors pick it up? Tap an option or type something like "
    "“6-7pm today”, “18:00-19:30” or “tomorrow 12-1pm”."
)

NOT_REGISTERED = N_("Please set up your profile first with /start.")
CANCELLED = N_("Cancelled. Nothing was saved. /help shows what you can do.")
NOTHING_TO_CANCEL = N_("There's nothing to cancel. /help shows what you can do.")
UNKNOWN = N_(
    "I didn't get that. Try /browse to see dishes nearby, /share to offer one, or /help."
)
UNKNOWN_COMMAND = N_("I don't know that command. /help lists the ones I do.")
STALE_BUTTON = N_("That button belongs to a finished conversation. /help shows what you can do.")
APOLOGY = N_("Sorry, something went wrong on our side. Please try again in a moment.")
SLOW_DOWN = N_("You're going a little fast. Please wait a minute and try again.")
TYPE_YOUR_ANSWER = N_("Please type your answer.")

# what /share says when a step's answer is not what it waits for
SHARE_HINTS = {
    "photo": N_("Please send a photo of the dish, or tap Skip."),
    "allergens": N_("Please tap the allergens it contains, then Done."),
    "diet": N_("Please tap any that apply, then Done."),
    "preview": N_("Tap 📣 Publish to share it, or ✏️ Start over."),
}

# Group chats: nothing personal is ever said there, only a pointer to the private chat
GROUP_POINTER = N_("I answer that in our private chat, so your details stay out of the group.")
GROUP_HELLO = N_(
    "👋 Hi! I'm NeighborShare: neighbors share home-cooked food through me. "
    "I talk to each of you in a private chat, so nothing personal is ever posted here."
)
OPEN_PRIVATE_CHAT = N_("💬 Open a private chat")
PHOTO_AS_SHOWN = N_("📷 Your photo, as neighbors will see it.")
