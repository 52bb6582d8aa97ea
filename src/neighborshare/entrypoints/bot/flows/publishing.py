"""The end of /share: the preview a neighbor checks, and publishing it."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.posts import FoodPost
from neighborshare.domain.values import Location, PickupWindow, parse_allergens, parse_diet_tags
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import keyboards
from neighborshare.presentation.cards import dish_lines
from neighborshare.presentation.formatting import esc
from neighborshare.presentation.i18n import _
from neighborshare.services.food import Dish


def dish_from(turn: Turn) -> Dish:
    data = turn.data
    return Dish(
        name=data["name"],
        portions=int(data["portions"]),
        window=PickupWindow(datetime.fromisoformat(data["start"]),
                            datetime.fromisoformat(data["end"])),
        allergens=parse_allergens(data.get("allergens", [])),
        diet_tags=parse_diet_tags(data.get("diet_tags", [])),
        photo_ref=data.get("photo_ref"),
        photo_file_id=data.get("photo_file_id"),
    )


async def preview(turn: Turn) -> None:
    dish = dish_from(turn)
    draft = FoodPost(0, dish.name, dish.portions, dish.window, Location(0, 0),
                     turn.deps.clock.now(), dish.allergens, dish.diet_tags)
    text = _("Here's your post:") + "\n\n" + dish_lines(draft, turn.deps.tz, turn.deps.clock.now())
    await turn.say(text, keyboards.preview(), photo=dish.photo_file_id)


async def publish(turn: Turn) -> None:
    dish = dish_from(turn)
    post = await turn.deps.run(turn.deps.food.share, await turn.user_id(), dish)
    turn.end()
    await turn.edit(None)
    await turn.say(_(
        "📣 <b>{dish}</b> is live! Neighbors nearby will be told. "
        "I'll message you when someone asks for a portion. (/mine lets you edit or withdraw it.)"
    ).format(dish=esc(post.name)))
