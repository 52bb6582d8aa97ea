"""The end of onboarding: where the neighbor lives, and saving the profile."""

from __future__ import annotations

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.values import Location, PhoneHash, parse_allergens, parse_diet_tags
from neighborshare.entrypoints.bot.flows import browsing
from neighborshare.entrypoints.bot.menu import follow_language
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation.formatting import esc, plural
from neighborshare.presentation.i18n import _
from neighborshare.services.users import Registration


async def location_from(turn: Turn) -> Location:
    """A location pin, or a typed address where geocoding is available; inside the area."""
    message = turn.update.message
    locations = turn.deps.locations
    if message is not None and message.location is not None:
        spot = Location(message.location.latitude, message.location.longitude)
        await turn.deps.run(locations.ensure_in_area, spot)
        return spot
    if message is not None and message.text:
        return await turn.deps.run(locations.locate, message.text)
    raise InvalidInput("send_location_pin")


async def finish(turn: Turn, custom: str) -> None:
    data = turn.data
    form = Registration(
        telegram_id=turn.telegram_id,
        preferred_name=data["name"],
        phone=PhoneHash(data["phone_digest"], data["phone_last_two"]),
        apartment=data["apartment"],
        location=Location(data["latitude"], data["longitude"]),
        diet_restrictions=parse_diet_tags(data.get("diets", [])),
        allergies=parse_allergens(data.get("allergies", [])),
        custom_allergies=custom,
        telegram_language=turn.app_language,
    )
    done = await turn.deps.run(turn.deps.users.register, form)
    turn.end()
    name = esc(done.user.first_name)
    if done.welcome_credits:
        credits = plural(done.welcome_credits, "welcome_credit")
        await turn.say(_(
            "🎉 You're all set, {name}! Here are <b>{credits}</b> – "
            "each one gets you a portion from a neighbor.\n\n"
            "/browse to see dishes nearby, or /share to offer one."
        ).format(name=name, credits=credits))
    elif done.created:  # back after /deleteaccount: the phone had its bonus before
        await turn.say(_(
            "🎉 You're all set, {name}! This phone number had its welcome bonus before, so "
            "there is none this time: /share a dish to earn credits, or /browse dishes nearby."
        ).format(name=name))
    else:
        await turn.say(_("✅ Profile updated, {name}. /browse to see dishes nearby.").format(
            name=name))
    if done.created:
        await follow_language(turn.update.get_bot(), turn.chat_id, turn.deps.miniapp_url,
                              turn.language())
    if data.get("then_post") is not None:  # they came from a dish's link
        await browsing.show_card(turn, int(data["then_post"]))
