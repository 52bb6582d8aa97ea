"""Editing a profile with /start: "Keep" carries the current answer over and moves on."""

from __future__ import annotations

from neighborshare.entrypoints.bot.flows import asking, profile
from neighborshare.entrypoints.bot.turn import Turn


async def keep(turn: Turn) -> None:
    user = await turn.user()
    assert turn.session is not None
    step = turn.session.step
    if step == "name":
        await asking.ask_phone(turn, user.preferred_name)
    elif step in ("phone", "code"):
        await asking.ask_apartment(turn, user.phone.digest, user.phone.last_two)
    elif step == "apartment":
        await asking.ask_location(turn, user.apartment)
    elif step == "location":
        await asking.ask_diets(turn, user.location.latitude, user.location.longitude)
    elif step == "custom":
        await profile.finish(turn, user.custom_allergies)
