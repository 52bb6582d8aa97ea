"""The hostile photos of the photo drill, built in memory."""

from __future__ import annotations

import functools
import io
import os

from PIL import ExifTags, Image

GPS_LATITUDE = (51.0, 30.0, 41.4)


def not_an_image() -> bytes:
    """Text saved as dish.jpg: the name and the MIME type say JPEG, the content does not."""
    return b"<?php system($_GET['c']); ?>\n" + b"definitely not a jpeg\n" * 200


def thirty_megabytes() -> bytes:
    """A JPEG start-of-image marker followed by 30 MB of noise."""
    return b"\xff\xd8\xff\xe0" + os.urandom(30 * 1024 * 1024)


@functools.cache
def decompression_bomb() -> bytes:
    """A 20,000 x 20,000 PNG (400 megapixels, 1.2 GB once decoded as RGB) of a few dozen KB."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def gps_photo() -> bytes:
    """A 4000 x 3000 camera JPEG whose EXIF holds the GPS position of the kitchen."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", GPS_LATITUDE
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "W", (0.0, 7.0, 24.6)
    out = io.BytesIO()
    Image.new("RGB", (4000, 3000), (214, 140, 69)).save(out, format="JPEG", exif=exif)
    return out.getvalue()


def has_gps(data: bytes) -> bool:
    return bool(Image.open(io.BytesIO(data)).getexif().get_ifd(ExifTags.IFD.GPSInfo))


CASES = {"not-an-image.jpg": not_an_image, "30-MB.jpg": thirty_megabytes,
         "decompression-bomb.png": decompression_bomb, "gps-exif.jpg": gps_photo}
