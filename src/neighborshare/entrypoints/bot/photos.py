"""Receiving a neighbor's photo: the largest size, checked and re-encoded, then stored."""

from __future__ import annotations

from dataclasses import dataclass

from neighborshare.adapters.images.pillow import MAX_BYTES
from neighborshare.domain.errors import InvalidPhoto
from neighborshare.entrypoints.bot.loops import at_home
from neighborshare.entrypoints.bot.turn import Turn


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    ref: str  # the PhotoStore key
    file_id: str  # Telegram's id, to re-send the photo without uploading it again


def has_photo(turn: Turn) -> bool:
    message = turn.update.message
    return message is not None and bool(message.photo)


async def receive(turn: Turn, prefix: str) -> StoredPhoto:
    message = turn.update.message
    if message is None or not message.photo:
        raise InvalidPhoto("Please send a photo.")
    largest = max(message.photo, key=lambda size: size.width * size.height)
    if largest.file_size is not None and largest.file_size > MAX_BYTES:
        raise InvalidPhoto("That photo is over 5 MB. Please send a smaller one.")
    telegram_file = await at_home(largest.get_file)  # the Bot API client lives on the bot's loop
    data = bytes(await at_home(telegram_file.download_as_bytearray))
    jpeg = await turn.deps.run(turn.deps.photo_processor.process, data)
    ref = await turn.deps.run(turn.deps.photo_store.put, jpeg, "image/jpeg", prefix)
    return StoredPhoto(ref, largest.file_id)
