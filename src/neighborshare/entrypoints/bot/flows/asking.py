"""The onboarding questions; when a profile is being edited each offers to keep its answer."""

from __future__ import annotations

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove

from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.ports.services import Button
from neighborshare.presentation import texts
from neighborshare.presentation.formatting import esc
from neighborshare.presentation.i18n import _
from neighborshare.presentation.keyboards import Rows, diet_checklist


def keep_button(label: str) -> Rows:
    return ((Button(label, "ob:keep"),),)


async def ask_phone(turn: Turn, name: str) -> None:
    turn.go("phone", name=name)
    contact = KeyboardButton(str(texts.SHARE_CONTACT), request_contact=True)
    hint = texts.ASK_PHONE_TYPED if turn.deps.auth.can_send_codes else ""
    await turn.say(
        texts.ASK_PHONE.format(name=esc(name)) + hint,
        keyboard=ReplyKeyboardMarkup([[contact]], resize_keyboard=True, one_time_keyboard=True),
    )
    if turn.data.get("editing"):
        user = await turn.user()
        await turn.say(_("Or keep the number you gave before:"),
                       keep_button(_("Keep my number (…{digits})").format(
                           digits=user.phone.last_two)))


async def ask_apartment(turn: Turn, digest: str, last_two: str) -> None:
    turn.go("apartment", phone_digest=digest, phone_last_two=last_two)
    keep: Rows = ()
    if turn.data.get("editing"):
        keep = keep_button(_("Keep “{answer}”").format(answer=(await turn.user()).apartment))
    await turn.say(texts.ASK_APARTMENT, keep, keyboard=None if keep else ReplyKeyboardRemove())


async def ask_location(turn: Turn, apartment: str) -> None:
    turn.go("location", apartment=apartment)
    pin = KeyboardButton(str(texts.SEND_LOCATION), request_location=True)
    hint = texts.ASK_LOCATION_TYPED if turn.deps.locations.can_geocode else ""
    await turn.say(
        texts.ASK_LOCATION + hint,
        keyboard=ReplyKeyboardMarkup([[pin]], resize_keyboard=True, one_time_keyboard=True),
    )
    if turn.data.get("editing"):
        await turn.say(_("Or stay where you are:"), keep_button(_("Keep my location")))


async def ask_diets(turn: Turn, latitude: float, longitude: float) -> None:
    diets, allergies = await current_needs(turn)
    turn.go("diet", latitude=latitude, longitude=longitude, diets=diets, allergies=allergies)
    await turn.say(_("📍 Got it – you're in the neighborhood."), keyboard=ReplyKeyboardRemove())
    await turn.say(texts.ASK_DIET, diet_checklist("ob:diet", diets))


async def current_needs(turn: Turn) -> tuple[list[str], list[str]]:
    """The checklists start from the profile being edited (empty for a new neighbor)."""
    if not turn.data.get("editing"):
        return [], []
    user = await turn.user()
    return sorted(d.value for d in user.diet_restrictions), sorted(a.value for a in user.allergies)


async def custom_buttons(turn: Turn) -> Rows:
    if not turn.data.get("editing"):
        return ()
    current = (await turn.user()).custom_allergies
    if not current:
        return ()
    keep = _("Keep “{answer}”").format(answer=current[:30])
    return ((Button(keep, "ob:keep"), Button(_("None"), "ob:skip")),)
