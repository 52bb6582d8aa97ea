"""Child process of the photo drill: check one file and print the extra peak RSS (KiB) it took.

Imports only Pillow and the processor, and resets the kernel's high-water mark (clear_refs 5)
after reading the file, so the figure is the check alone.
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from neighborshare.adapters.images.pillow import PillowPhotoProcessor
from neighborshare.domain.errors import InvalidPhoto


def status(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def main(path: str) -> None:
    data = Path(path).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS
    before = status("VmRSS")
    with contextlib.suppress(InvalidPhoto):
        PillowPhotoProcessor().process(data)
    print(status("VmHWM") - before)


if __name__ == "__main__":
    main(sys.argv[1])
