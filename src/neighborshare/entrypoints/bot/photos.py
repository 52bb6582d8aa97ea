"""Receiving a neighbor's photo: the largest size, checked and re-encoded, then stored.

A photo sent "as a file" (a document of type image/*) is taken like a photo. Telegram shows
a document's file_id only as a file, so its re-encoded JPEG is sent back to the neighbor as a
photo ("the photo as neighbors will see it") and that photo's file_id is the one kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Document, Message, PhotoSize
from telegram.error import BadRequest

from neighborshare.adapters.images.pillow import MAX_BYTES
from neighborshare.domain.errors import InvalidPhoto
from neighborshare.entrypoints.bot.loops import at_home
from neighborshare.entrypoints.bot.turn import Turn
from neighborshare.presentation import texts


@dataclass(frozen=True, slots=True)
class StoredPhoto:
    ref: str  # the PhotoStore key
    file_id: str  # Telegram's id, to re-send the photo without uploading it again


def has_photo(turn: Turn) -> bool:
    return _picture(turn.update.message) is not None


def _picture(message: Message | None) -> PhotoSize | Document | None:
    """The largest size of a photo, or a document that says it is an image."""
    if message is None:
        return None
    if message.photo:
        return max(message.photo, key=lambda size: size.width * size.height)
    document = message.document
    if document is not None and (document.mime_type or "").startswith("image/"):
        return document
    return None


async def receive(turn: Turn, prefix: str) -> StoredPhoto:
    picture = _picture(turn.update.message)
    if picture is None:
        raise InvalidPhoto("send_a_photo")
    if picture.file_size is not None and picture.file_size > MAX_BYTES:
        raise InvalidPhoto("photo_over_5_mb")
    try:
        telegram_file = await at_home(picture.get_file)  # on the loop the Bot API client lives
    except BadRequest as error:  # Telegram serves a bot files of at most 20 MB
        if "file is too big" not in error.message.lower():
            raise
        raise InvalidPhoto("photo_over_5_mb") from error
    data = bytes(await at_home(telegram_file.download_as_bytearray))
    jpeg = await turn.deps.run(turn.deps.photo_processor.process, data)
    ref = await turn.deps.run(turn.deps.photo_store.put, jpeg, "image/jpeg", prefix)
    if isinstance(picture, PhotoSize):
        return StoredPhoto(ref, picture.file_id)
    return StoredPhoto(ref, await _as_photo(turn, jpeg))


async def _as_photo(turn: Turn, jpeg: bytes) -> str:
    """Send ``jpeg`` to the neighbor as a photo; its file_id (a document's can't be shown as a
    photo). Sent at once: the answers that follow refer to it."""
    bot, caption = turn.update.get_bot(), str(texts.PHOTO_AS_SHOWN)
    sent = await at_home(lambda: bot.send_photo(turn.chat_id, jpeg, caption=caption))
    return max(sent.photo, key=lambda size: size.width * size.height).file_id
