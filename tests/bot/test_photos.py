"""Photos are checked by content, bounded, stripped of EXIF and re-encoded."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from neighborshare.adapters.images.pillow import PillowPhotoProcessor
from neighborshare.domain.errors import InvalidPhoto
from tests.support.refusals import refused


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **options)
    return out.getvalue()


def test_large_photo_is_resized_and_exif_stripped() -> None:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make; GPS would live beside it
    data = encoded(Image.new("RGB", (3000, 2000), "red"), "JPEG", exif=exif)
    result = Image.open(io.BytesIO(PillowPhotoProcessor().process(data)))
    assert result.format == "JPEG"
    assert max(result.size) == 1280
    assert dict(result.getexif()) == {}


def test_png_becomes_jpeg() -> None:
    data = encoded(Image.new("RGBA", (200, 100), (0, 0, 0, 0)), "PNG")
    assert Image.open(io.BytesIO(PillowPhotoProcessor().process(data))).format == "JPEG"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GIF89a-not-really", "couldn't be used"),
        (b"\x00" * 100, "couldn't be used"),
        (encoded(Image.new("1", (8000, 6000)), "PNG"), "too large"),
        (b"\xff" * (5 * 1024 * 1024 + 1), "over 5 MB"),
    ],
    ids=["fake-gif", "zeros", "decompression-bomb", "over-5-mb"],
)
def test_refusals(data: bytes, message: str) -> None:
    with refused(InvalidPhoto, message):
        PillowPhotoProcessor().process(data)


def test_gif_is_refused_by_content_even_if_real() -> None:
    with pytest.raises(InvalidPhoto):
        PillowPhotoProcessor().process(encoded(Image.new("P", (10, 10)), "GIF"))
