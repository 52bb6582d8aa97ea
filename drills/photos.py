"""Photo drill: a non-image named .jpg, a 30 MB file (with and without Telegram's file_size), a
decompression bomb and a photo with GPS EXIF, sent to the real bot's /share flow. Each is
refused or cleaned before storage; each check's extra peak memory is measured in a fresh process.

    .venv/bin/python -m drills.photos
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image
from telegram import Update

from drills.botchat import BotChat
from drills.outcome import Outcome
from drills.photo_cases import CASES, has_gps
from neighborshare.adapters.memory.outside import InMemoryPhotoStore


def photo_update(chat: BotChat, data: bytes, tell_size: bool) -> Update:
    """Priya sends ``data`` as a photo; ``tell_size=False`` is a client that omits file_size."""
    update = chat.neighbors.photo(chat.neighbors.neighbor("priya"), data, 4000, 3000)
    if tell_size:
        return update
    body = update.to_dict()
    for size in body["message"]["photo"]:
        size.pop("file_size", None)
    return Update.de_json(body, chat.bot.app.bot)


def send_photo(outcome: Outcome, chat: BotChat, name: str, tell_size: bool) -> None:
    store = chat.container.photo_store()
    assert isinstance(store, InMemoryPhotoStore)
    before = dict(store.objects)
    data = CASES[name]()
    chat.lines("@priya /share\n@priya Dal")
    size_note = "" if tell_size else " (no file_size given)"
    outcome.attempt(f"{name}{size_note}: {len(data):,} bytes")
    chat.send(photo_update(chat, data, tell_size))
    reply, new = chat.last_to("priya"), set(store.objects) - set(before)
    if name != "gps-exif.jpg":
        outcome.check(f"{name}{size_note} refused, nothing stored ({reply.splitlines()[0]!r})",
                      not new and "something went wrong" not in reply.lower()
                      and ("photo" in reply.lower()))
        return
    stored = [store.objects[key][0] for key in new]
    image = Image.open(io.BytesIO(stored[0])) if stored else None
    outcome.check("gps-exif.jpg stored re-encoded: JPEG, <= 1280 px, no EXIF, no GPS",
                  image is not None and image.format == "JPEG" and max(image.size) <= 1280
                  and not dict(image.getexif()) and not has_gps(stored[0])
                  and b"Exif\x00\x00" not in stored[0])


def peak_kib(case: str, folder: Path) -> int:
    """Extra peak memory (KiB) of checking ``case`` in a fresh process, beyond holding it."""
    path = folder / case
    path.write_bytes(CASES[case]())
    run = subprocess.run(  # noqa: S603 - our own module on a file we wrote
        [sys.executable, "-m", "drills.photo_probe", str(path)],
        capture_output=True, text=True, check=True)
    return int(run.stdout.split()[-1])


def run(measure_memory: bool = True) -> Outcome:
    outcome = Outcome("photos")
    chat = BotChat()
    try:
        chat.onboard("priya", 51.5115, -0.1235, "4B")
        for name in CASES:
            send_photo(outcome, chat, name, tell_size=True)
        send_photo(outcome, chat, "30-MB.jpg", tell_size=False)
        send_photo(outcome, chat, "decompression-bomb.png", tell_size=False)
    finally:
        chat.close()
    if measure_memory:
        with tempfile.TemporaryDirectory(prefix="ns-photo-drill-") as folder:
            peaks = {case: peak_kib(case, Path(folder)) for case in CASES}
        for case, kib in peaks.items():
            outcome.figure(f"extra peak RSS checking {case}", f"{kib / 1024:.1f} MiB")
        outcome.check("refusing the bomb costs under 64 MiB (never decoded)",
                      peaks["decompression-bomb.png"] < 64 * 1024)
        outcome.check("re-encoding the 12 MP GPS photo stays under 256 MiB",
                      peaks["gps-exif.jpg"] < 256 * 1024)
    return outcome


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    run().print_and_exit()


if __name__ == "__main__":
    main()
