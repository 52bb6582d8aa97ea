"""/mine's dishes: Edit and Withdraw under each one still offered; withdrawing asks first,
editing corrects one part at a time (typed, or a checklist for allergens and diets)."""

from __future__ import annotations

from datetime import datetime

from neighborshare.domain.pickup import PRESETS, parse_window, preset_window
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.values import Portions, parse_allergens, parse_diet_tags
from neighborshare.entrypoints.bot.flows.common import (
    StaleButton,
    button_id,
    button_parts,
    one_of,
    toggle,
    typed_text,
)
from neighborshare.entrypoints.bot.flows.onboarding import ALLERGENS, DIETS
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import keyboards, my_posts, texts
from neighborshare.presentation.cards import my_post_line
from neighborshare.presentation.pickup_words import pickup_words
from neighborshare.services.editing import PostChanges

FLOW = "mypost"
SHOWN = 10


async def show_posts(turn: Turn, posts: list[FoodPost]) -> None:
    """The dishes still offered one by one with their buttons, then the earlier ones."""
    now, tz = turn.deps.clock.now(), turn.deps.tz
    offered = [p for p in posts if p.is_offered(now)][:SHOWN]
    earlier = [p for p in posts if not p.is_offered(now)][: SHOWN - len(offered)]
    for index, post in enumerate(offered):
        head = my_posts.YOUR_POSTS + "\n" if index == 0 else ""
        await turn.say(head + my_post_line(post, tz, now), my_posts.post_actions(post.id or 0))
    if earlier:
        title = my_posts.EARLIER_POSTS if offered else my_posts.YOUR_POSTS
        lines = "\n".join(my_post_line(p, tz, now) for p in earlier)
        await turn.say(f"{title}\n{lines}")


async def on_button(turn: Turn) -> None:
    parts = button_parts(turn)
    action = parts[1]
    if action in ("alg", "diet"):
        await _checklist(turn, action, parts)
        return
    actions = {"wd": _ask_withdrawal, "wy": _withdraw, "keep": _keep, "ed": _edit_menu,
               "f": _ask_field, "win": _preset_window, "done": _done}
    await actions[one_of(action, actions)](turn, button_id(parts[2]), parts[3])


async def on_message(turn: Turn) -> None:
    assert turn.session is not None
    step, text = turn.session.step, typed_text(turn)
    if text is None:
        await turn.say(texts.TYPE_YOUR_ANSWER)
        return
    if step == "name":
        changes = PostChanges(name=text)
    elif step == "desc":
        changes = PostChanges(description="" if text.strip() == "-" else text)
    elif step == "por":
        count = Portions.parse(text, turn.deps.rules.max_portions_per_post).count
        changes = PostChanges(portions=count)
    elif step == "win":
        changes = PostChanges(window=parse_window(text, _local_now(turn),
                                                  pickup_words(turn.language())))
    else:  # a checklist step: its buttons answer
        await turn.say(texts.SHARE_HINTS["allergens" if step == "alg" else "diet"])
        return
    await _save(turn, int(turn.data["post_id"]), changes)


# -- withdrawing ---------------------------------------------------------------------------

async def _ask_withdrawal(turn: Turn, post_id: int, _part: str) -> None:
    user_id, editing = await turn.user_id(), turn.deps.post_editing
    post, holders = await turn.deps.run(
        lambda: (editing.own_post(user_id, post_id), editing.holders(user_id, post_id)))
    await turn.edit(*my_posts.confirm_withdrawal(post, holders))


async def _withdraw(turn: Turn, post_id: int, _part: str) -> None:
    user_id, editing = await turn.user_id(), turn.deps.post_editing
    name, cancelled = await turn.deps.run(  # one trip to the pool
        lambda: (editing.own_post(user_id, post_id).name, editing.withdraw(user_id, post_id)))
    await turn.edit(my_posts.withdrawn(name, cancelled))


async def _keep(turn: Turn, post_id: int, _part: str) -> None:
    post = await turn.deps.run(turn.deps.post_editing.own_post, await turn.user_id(), post_id)
    now = turn.deps.clock.now()
    await turn.edit(my_post_line(post, turn.deps.tz, now), my_posts.post_actions(post_id))


# -- editing -------------------------------------------------------------------------------

async def _edit_menu(turn: Turn, post_id: int, _part: str) -> None:
    post = await turn.deps.run(turn.deps.post_editing.own_post, await turn.user_id(), post_id)
    await turn.say(*my_posts.edit_menu(post, turn.deps.tz, turn.deps.clock.now()))


async def _ask_field(turn: Turn, post_id: int, field: str) -> None:
    one_of(field, my_posts.FIELDS)
    post = await turn.deps.run(turn.deps.post_editing.own_post, await turn.user_id(), post_id)
    # the checklists start from what the dish says now
    turn.begin(FLOW, field, post_id=post_id, allergens=sorted(a.value for a in post.allergens),
               diet_tags=sorted(t.value for t in post.diet_tags))
    maximum = turn.deps.rules.max_portions_per_post
    await turn.say(*my_posts.question(field, post, turn.deps.tz, _local_now(turn), maximum))


async def _preset_window(turn: Turn, post_id: int, key: str) -> None:
    window = preset_window(one_of(key, PRESETS), _local_now(turn))
    await _save(turn, post_id, PostChanges(window=window))


async def _checklist(turn: Turn, action: str, parts: list[str]) -> None:
    step, key = ("alg", "allergens") if action == "alg" else ("diet", "diet_tags")
    if not turn.at(FLOW, step):
        raise StaleButton()
    build = keyboards.allergen_checklist if action == "alg" else keyboards.diet_checklist
    if one_of(parts[2], ("t", "done")) == "t":
        value = one_of(parts[3], ALLERGENS if action == "alg" else DIETS)
        await toggle(turn, key, value, lambda chosen: build(f"mp:{action}", chosen))
        return
    await turn.edit(None)
    chosen = turn.data.get(key, [])
    changes = (PostChanges(allergens=parse_allergens(chosen)) if action == "alg"
               else PostChanges(diet_tags=parse_diet_tags(chosen)))
    await _save(turn, int(turn.data["post_id"]), changes)


async def _save(turn: Turn, post_id: int, changes: PostChanges) -> None:
    """Correct the dish; the conversation ends, and the menu offers the next correction."""
    post = await turn.deps.run(turn.deps.post_editing.edit, await turn.user_id(), post_id,
                               changes)
    if turn.at(FLOW):
        turn.end()
    await turn.say(*my_posts.edit_menu(post, turn.deps.tz, turn.deps.clock.now(), saved=True))


async def _done(turn: Turn, post_id: int, _part: str) -> None:
    if turn.at(FLOW):
        turn.end()
    await turn.edit(None)
    await turn.say(my_posts.EDIT_FINISHED)


def _local_now(turn: Turn) -> datetime:
    return turn.deps.clock.now().astimezone(turn.deps.tz)
