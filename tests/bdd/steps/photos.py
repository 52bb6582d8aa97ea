"""Dish photos: checked by content, limited in size, re-encoded without EXIF."""

from __future__ import annotations

import io
import os
import struct
import zlib

from PIL import Image
from pytest_bdd import parsers, then, when

from tests.bdd.world import World

GPS_IFD = 0x8825


def camera_photo(width: int, height: int) -> bytes:
    """A JPEG as a phone takes it: EXIF with the camera model and where it was taken."""
    exif = Image.Exif()
    exif[0x0110] = "Pixel 9"  # camera model
    exif[GPS_IFD] = {1: "N", 2: (51.0, 30.0, 26.6), 3: "W", 4: (0.0, 7.0, 40.1)}
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 120, 40)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bomb(width: int, height: int) -> bytes:
    """A small PNG that would take ``width`` x ``height`` pixels of memory to decode."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * ((width + 1) * height), 9)
    body = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


FILES = {
    "a 3000 by 2000 photo from her phone": lambda: camera_photo(3000, 2000),
    "a 7 MB file": lambda: os.urandom(7 * 1024 * 1024),
    "a text file named dal.jpg": lambda: b"definitely a photo of dal",
    "an 8000 by 6000 pixel PNG of under 50 kB": lambda: png_bomb(8000, 6000),
}


@when(parsers.parse("{name} attaches {what}"))
def attaches(world: World, name: str, what: str) -> None:
    data = FILES[what]()
    world.results["upload_size"] = len(data)
    processor, store = world.container.photo_processor(), world.container.photo_store()
    key = world.attempt(name, lambda: store.put(processor.process(data), "image/jpeg", "posts"))
    world.results["photo"] = key


@then(parsers.parse("the stored photo is a JPEG at most {side:d} px on its longest side"))
def stored_jpeg(world: World, side: int) -> None:
    data = world.container.photo_store().get(world.results["photo"])
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and max(image.size) == side, image.size


@then("the stored photo carries no EXIF, so no location")
def no_exif(world: World) -> None:
    data = world.container.photo_store().get(world.results["photo"])
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and "exif" not in image.info
    assert b"Pixel 9" not in data


@then(parsers.parse("the photo's name doesn't reveal {name}"))
def anonymous_key(world: World, name: str) -> None:
    key: str = world.results["photo"]
    assert (
        name not in key
        and str(world.telegram[name]) not in key
        and str(world.id(name)) not in key.split("/")
    )


@then("nothing was stored")
def nothing_stored(world: World) -> None:
    assert world.results["photo"] is None
    assert world.container.photo_store().objects == {}
