"""How soon a bot server's threads get the GIL back from one another.

A bot server runs Python on several threads: the event loop (HTTP, replies) and the
transaction threads (each update's statements). A thread whose statement's rows have arrived
from PostgreSQL needs the GIL to read them. If another thread is running Python meanwhile,
CPython lets the waiting thread ask for the GIL only after the switch interval, 5 ms by
default. An update runs 3 to 13 statements, so under load an update waits several such
intervals behind the other updates' Python, and the tail of the latency is made of them.

At 1 ms the waiting thread asks sooner. The webhook at 500 updates/s for 60 s, four pairs of
runs in the same minutes: p99 74.0, 46.9, 44.7, 85.5 ms against 102.9, 56.2, 71.0, 118.4 ms
at 5 ms, with the same throughput and CPU per update in the bot bench (docs/performance.md).
At 0.5 ms the handing over itself started to cost (p99 94.2 and 289.6 ms).
"""

from __future__ import annotations

import sys

SWITCH_INTERVAL_S = 0.001


def hand_over_sooner() -> None:
    """Set this process's switch interval for a bot server: call once, after start-up."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
