"""/mydata: everything kept about the neighbor, sent as a JSON file."""

from __future__ import annotations

from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import my_data


async def export(turn: Turn) -> None:
    """Send the neighbor's data export as a document."""
    user_id = await turn.user_id()
    data = await turn.deps.run(turn.deps.export.export, user_id)
    filename = my_data.export_filename(turn.deps.clock.now().astimezone(turn.deps.tz))
    await turn.send_file(my_data.export_json(data), filename, str(my_data.EXPORT_CAPTION))
