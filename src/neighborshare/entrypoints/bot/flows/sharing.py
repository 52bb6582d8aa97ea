"""/share: name -> photo -> portions -> allergens -> diet tags -> pickup window -> preview."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.pickup import PRESETS, parse_window, preset_window
from neighborshare.domain.values import PickupWindow, Portions
from neighborshare.entrypoints.bot import photos
from neighborshare.entrypoints.bot.flows import publishing
from neighborshare.entrypoints.bot.flows.common import (
    bounded,
    button_parts,
    one_of,
    settle,
    toggle,
    typed_text,
)
from neighborshare.entrypoints.bot.flows.onboarding import ALLERGENS, DIETS
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import keyboards, texts
from neighborshare.presentation.i18n import _
from neighborshare.presentation.pickup_words import pickup_words

FLOW = "share"

HINTS = texts.SHARE_HINTS


async def start(turn: Turn) -> None:
    """Begin sharing a dish."""
    user = await turn.user()
    user.ensure_can_transact(turn.deps.clock.now())
    turn.begin(FLOW, "name")
    await turn.say(texts.ASK_FOOD_NAME)


async def on_message(turn: Turn) -> None:
    assert turn.session is not None
    step = turn.session.step
    text = typed_text(turn)
    if step == "photo" and photos.has_photo(turn):
        await _photo(turn)
    elif step in HINTS or text is None:
        await turn.say(HINTS.get(step, texts.TYPE_YOUR_ANSWER))
    elif step == "name":
        await _name(turn, text)
    elif step == "portions":
        await _portions(turn, text)
    elif step == "window":
        await _window(turn, parse_window(text, _local_now(turn), pickup_words(turn.language())))


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    action = parts[1]
    if action == "cnl" and turn.at(FLOW):
        turn.end()
        await turn.edit(texts.CANCELLED)
    elif action == "redo" and turn.at(FLOW, "preview"):
        await turn.edit(None)
        await start(turn)
    elif action == "nophoto" and turn.at(FLOW, "photo"):
        await turn.edit(None)
        await _ask_portions(turn)
    elif action == "n" and turn.at(FLOW, "portions"):
        maximum = turn.deps.rules.max_portions_per_post
        await _portions(turn, str(bounded(parts[2], 1, maximum)))
    elif action in ("alg", "diet") and turn.at(FLOW, "allergens" if action == "alg" else "diet"):
        await _checklist(turn, action, parts)
    elif action == "win" and turn.at(FLOW, "window"):
        await _window(turn, preset_window(one_of(parts[2], PRESETS), _local_now(turn)))
    elif action == "pub" and turn.at(FLOW, "preview"):
        await publishing.publish(turn)
    else:
        await turn.say(texts.STALE_BUTTON)


async def _name(turn: Turn, text: str) -> None:
    name = turn.deps.food.check_dish(text, 1)
    turn.go("photo", name=name)
    await turn.say(texts.ASK_PHOTO, keyboards.skip("sh:nophoto"))


async def _photo(turn: Turn) -> None:
    stored = await photos.receive(turn, "posts")
    turn.data.update(photo_ref=stored.ref, photo_file_id=stored.file_id)
    await _ask_portions(turn)


async def _ask_portions(turn: Turn) -> None:
    maximum = turn.deps.rules.max_portions_per_post
    turn.go("portions")
    await turn.say(texts.ASK_PORTIONS.format(max=maximum), keyboards.portions("sh:n", maximum))


async def _portions(turn: Turn, value: str) -> None:
    count = Portions.parse(value, turn.deps.rules.max_portions_per_post).count
    turn.go("allergens", portions=count, allergens=[], diet_tags=[])
    await turn.say(texts.ASK_ALLERGENS, keyboards.allergen_checklist("sh:alg", []))


async def _checklist(turn: Turn, action: str, parts: list[str]) -> None:
    key = "allergens" if action == "alg" else "diet_tags"
    build = keyboards.allergen_checklist if action == "alg" else keyboards.diet_checklist
    if one_of(parts[2], ("t", "done")) == "t":
        value = one_of(parts[3], ALLERGENS if action == "alg" else DIETS)
        await toggle(turn, key, value, lambda chosen: build(f"sh:{action}", chosen))
        return
    await settle(turn, _("Allergens") if action == "alg" else _("Diet"), key)
    if action == "alg":
        turn.go("diet")
        await turn.say(texts.ASK_DIET_TAGS, keyboards.diet_checklist("sh:diet", []))
    else:
        turn.go("window")
        await turn.say(texts.ASK_WINDOW, keyboards.pickup_presets(_local_now(turn)))


async def _window(turn: Turn, window: PickupWindow) -> None:
    data = turn.data
    turn.deps.food.check_dish(data["name"], int(data["portions"]), window)
    turn.go("preview", start=window.start.isoformat(), end=window.end.isoformat())
    await publishing.preview(turn)


def _local_now(turn: Turn) -> datetime:
    return turn.deps.clock.now().astimezone(turn.deps.tz)
