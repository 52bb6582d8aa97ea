"""Photos checked by content with Pillow and re-encoded: no EXIF, JPEG, at most 1280 px."""

from __future__ import annotations

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from neighborshare.domain.errors import InvalidPhoto

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1280
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "WEBP"})


class PillowPhotoProcessor:
    def __init__(
        self, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS, max_side: int = MAX_SIDE
    ) -> None:
        self._max_bytes = max_bytes
        self._max_pixels = max_pixels
        self._max_side = max_side

    def process(self, data: bytes) -> bytes:
        if len(data) > self._max_bytes:
            raise InvalidPhoto("photo_over_5_mb")
        image = self._open(data)
        try:
            image = ImageOps.exif_transpose(image)  # keep it upright once EXIF is gone
            image = image.convert("RGB")
            image.thumbnail((self._max_side, self._max_side))
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= : stripped
            return out.getvalue()
        except (OSError, ValueError) as error:
            raise InvalidPhoto() from error

    def _open(self, data: bytes) -> Image.Image:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                image = Image.open(io.BytesIO(data))
                # the header alone tells the size: refuse before decoding a single pixel
                if image.format not in ACCEPTED_FORMATS:
                    raise InvalidPhoto()
                if image.width * image.height > self._max_pixels:
                    raise InvalidPhoto("photo_too_large")
                image.load()
                return image
        except (UnidentifiedImageError, Image.DecompressionBombError,
                Image.DecompressionBombWarning, OSError, SyntaxError) as error:
            raise InvalidPhoto() from error
