"""What a bot process does to itself once started: its heap settled (entrypoints/heap.py) and
its threads' switch interval shortened (entrypoints/gil.py)."""

from __future__ import annotations

from neighborshare.entrypoints import gil, heap


def settle_bot_process() -> None:
    """Call once, after start-up: `neighborshare bot` (webhook and polling) and the bot benches."""
    heap.settle()
    gil.hand_over_sooner()
