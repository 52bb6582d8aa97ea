"""Editing a profile with /start: each step can keep what the neighbor has now."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from neighborshare.entrypoints.bot.flows import profile
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.ports.services import Button
from neighborshare.presentation.keyboards import Rows


@dataclass(frozen=True, slots=True)
class Steps:
    """What follows each kept answer (the onboarding module's own prompts)."""

    ask_phone: Callable[[Turn, str], Awaitable[None]]
    ask_apartment: Callable[[Turn, str, str], Awaitable[None]]
    ask_location: Callable[[Turn, str], Awaitable[None]]
    ask_diets: Callable[[Turn, float, float], Awaitable[None]]


def button(label: str) -> Rows:
    return ((Button(label, "ob:keep"),),)


async def keep(turn: Turn, steps: Steps) -> None:
    """Carry the current value of this step over and move on."""
    user = await turn.user()
    assert turn.session is not None
    step = turn.session.step
    if step == "name":
        await steps.ask_phone(turn, user.preferred_name)
    elif step in ("phone", "code"):
        await steps.ask_apartment(turn, user.phone.digest, user.phone.last_two)
    elif step == "apartment":
        await steps.ask_location(turn, user.apartment)
    elif step == "location":
        await steps.ask_diets(turn, user.location.latitude, user.location.longitude)
    elif step == "custom":
        await profile.finish(turn, user.custom_allergies)


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
    return ((Button(f"Keep “{current[:30]}”", "ob:keep"), Button("None", "ob:skip")),)
