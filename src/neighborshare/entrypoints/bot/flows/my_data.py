"""/mydata (everything kept about the neighbor, as a JSON file) and /deleteaccount (asked
first, then the account erased)."""

from __future__ import annotations

from neighborshare.entrypoints.bot.flows.common import button_parts
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import my_data, texts

FLOW = "delete"


async def export(turn: Turn) -> None:
    """Send the neighbor's data export as a document."""
    user_id = await turn.user_id()
    data = await turn.deps.run(turn.deps.export.export, user_id)
    filename = my_data.export_filename(turn.deps.clock.now().astimezone(turn.deps.tz))
    await turn.send_file(my_data.export_json(data), filename, str(my_data.EXPORT_CAPTION))


async def delete_account(turn: Turn) -> None:
    """Say what deleting means, and ask."""
    await turn.user_id()  # registered neighbors only
    turn.begin(FLOW, "confirm")
    await turn.say(my_data.DELETE_ASK, my_data.delete_buttons())


async def on_button(turn: Turn) -> None:
    """Delete my account, or keep it: only as the answer to the question just asked."""
    answer = button_parts(turn)[1:2]
    if not turn.at(FLOW, "confirm") or answer not in (["yes"], ["no"]):
        await turn.say(texts.STALE_BUTTON)
        return
    await turn.edit(None)
    turn.end()
    if answer == ["no"]:
        await turn.say(my_data.KEPT)
        return
    await turn.deps.run(turn.deps.erasure.erase, await turn.user_id())
    await turn.say(my_data.DELETED)
