"""/start: name -> phone -> apartment -> location -> diets -> allergies -> anything else.

Re-running /start edits the profile: every step then offers to keep what is there.
"""

from __future__ import annotations

from telegram import ReplyKeyboardRemove

from neighborshare.domain.errors import InvalidInput, NotRegistered
from neighborshare.domain.users import User, clean_apartment, clean_name
from neighborshare.domain.values import Allergen, DietTag
from neighborshare.entrypoints.bot.flows import asking, keeping, profile
from neighborshare.entrypoints.bot.flows.common import (
    button_parts,
    one_of,
    settle,
    toggle,
    typed_text,
)
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import texts
from neighborshare.presentation.i18n import _
from neighborshare.presentation.keyboards import allergen_checklist, diet_checklist, skip

FLOW = "start"
DIETS = frozenset(d.value for d in DietTag)
ALLERGENS = frozenset(a.value for a in Allergen)
SMS_TTL_SECONDS = 600


async def start(turn: Turn, then_post: int | None = None) -> None:
    """Begin onboarding, or a profile edit for a neighbor who has one; ``then_post``: the dish
    a deep link pointed to, shown once onboarding is done."""
    try:
        existing: User | None = await turn.user()
    except NotRegistered:
        existing = None
    turn.begin(FLOW, "name", editing=existing is not None)
    if then_post is not None:
        turn.data["then_post"] = then_post
    if existing is None:
        await turn.say(texts.WELCOME_NEW + texts.ASK_NAME, keyboard=ReplyKeyboardRemove())
        return
    await turn.say(texts.WELCOME_EDIT + texts.ASK_NAME,
                   asking.keep_button(_("Keep “{answer}”").format(answer=existing.preferred_name)))


async def on_message(turn: Turn) -> None:
    assert turn.session is not None
    steps = {"name": _name, "phone": _phone, "code": _code, "apartment": _apartment,
             "location": _location, "custom": _custom}
    step = steps.get(turn.session.step)
    if step is None:
        await turn.say(_("Please use the buttons above (tap Done when you're ready)."))
        return
    await step(turn)


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    if turn.at(FLOW, "diet") and parts[1] == "diet":
        await _diet_button(turn, parts)
    elif turn.at(FLOW, "allergies") and parts[1] == "alg":
        await _allergy_button(turn, parts)
    elif turn.at(FLOW, "custom") and parts[1] == "skip":
        await turn.edit(None)
        await profile.finish(turn, "")
    elif parts[1] == "keep" and turn.at(FLOW) and turn.data.get("editing"):
        await turn.edit(None)
        await keeping.keep(turn)
    else:
        await turn.say(texts.STALE_BUTTON)


async def _name(turn: Turn) -> None:
    await asking.ask_phone(turn, clean_name(_required_text(turn)))


async def _phone(turn: Turn) -> None:
    message = turn.update.message
    contact = message.contact if message else None
    auth = turn.deps.auth
    if contact is not None:
        phone = auth.from_contact(contact.phone_number, contact.user_id, turn.telegram_id)
        await turn.deps.run(turn.deps.users.ensure_phone_free, phone.digest, turn.telegram_id)
        await asking.ask_apartment(turn, phone.digest, phone.last_two)
        return
    e164 = await turn.deps.run(auth.start_sms, _required_text(turn))
    # the number waits in the cache, never in the conversation row
    await turn.deps.run(turn.deps.cache.set, _sms_key(turn), e164, SMS_TTL_SECONDS)
    turn.go("code")
    await turn.say(texts.ASK_CODE, keyboard=ReplyKeyboardRemove())


async def _code(turn: Turn) -> None:
    e164 = await turn.deps.run(turn.deps.cache.get, _sms_key(turn))
    if e164 is None:
        turn.go("phone")
        await turn.say(_("That code has expired. Please send your number again."))
        return
    phone = await turn.deps.run(turn.deps.auth.check_sms, e164, _required_text(turn))
    await turn.deps.run(turn.deps.cache.delete, _sms_key(turn))
    turn.go("phone")  # should the number be taken: the code is used up, another is asked for
    await turn.deps.run(turn.deps.users.ensure_phone_free, phone.digest, turn.telegram_id)
    await asking.ask_apartment(turn, phone.digest, phone.last_two)


async def _apartment(turn: Turn) -> None:
    await asking.ask_location(turn, clean_apartment(_required_text(turn)))


async def _location(turn: Turn) -> None:
    spot = await profile.location_from(turn)
    await asking.ask_diets(turn, spot.latitude, spot.longitude)


async def _diet_button(turn: Turn, parts: list[str]) -> None:
    if one_of(parts[2], ("t", "done")) == "t":
        value = one_of(parts[3], DIETS)
        await toggle(turn, "diets", value, lambda c: diet_checklist("ob:diet", c))
        return
    await settle(turn, _("Diets"), "diets")
    turn.go("allergies")
    await turn.say(texts.ASK_ALLERGIES, allergen_checklist("ob:alg", turn.data["allergies"]))


async def _allergy_button(turn: Turn, parts: list[str]) -> None:
    if one_of(parts[2], ("t", "done")) == "t":
        value = one_of(parts[3], ALLERGENS)
        await toggle(turn, "allergies", value, lambda c: allergen_checklist("ob:alg", c))
        return
    await settle(turn, _("Allergies"), "allergies")
    turn.go("custom")
    await turn.say(texts.ASK_CUSTOM, await asking.custom_buttons(turn) or skip("ob:skip"))


async def _custom(turn: Turn) -> None:
    await profile.finish(turn, _required_text(turn))


def _required_text(turn: Turn) -> str:
    text = typed_text(turn)
    if text is None:
        raise InvalidInput("type_your_answer")
    return text


def _sms_key(turn: Turn) -> str:
    return f"sms:{turn.telegram_id}"

