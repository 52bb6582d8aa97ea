"""A long-running process's heap, settled once it has started.

Python's full (oldest-generation) garbage collection walks every tracked object. In a started
bot process about a quarter of a million of them are modules, classes, functions and the
application's own long-lived graph, and walking them took 55 ms of CPU in one go here (150 ms
once a webhook server had run a while), during which no update moves: the tail of the latency.
Once started, those objects live as long as the process; ``gc.freeze`` moves them out of the
collector's sight, leaving it what the running process makes (measured in docs/performance.md).
"""

from __future__ import annotations

import gc


def settle() -> None:
    """Collect what start-up left behind, then freeze the rest: call once, after start-up."""
    gc.collect()
    gc.freeze()
