"""How fast this machine runs Python right now, printed beside a bench's figures.

Machines of this 2-core kind differ from session to session, and one machine's speed can change
within minutes (docs/performance.md). A bench's figures mean little without knowing which: each
bench that prints this times a fixed Python loop before and after its run. On the machines of
the first seven passes the 10,000,000-step loop took about 0.4 s of CPU at their usual speed
(0.38-0.40 s; 0.55 s and more in their slow stretches); on the eighth pass's machine it took
0.19-0.24 s. Each pass in docs/performance.md gives its figures beside this loop's time.
"""

from __future__ import annotations

import time

STEPS = 10_000_000


def python_loop_seconds(steps: int = STEPS) -> float:
    """CPU seconds this process spends on a plain ``steps``-step Python loop."""
    started = time.process_time()
    total = 0
    for step in range(steps):
        total += step
    return time.process_time() - started


def speed_line(before: float, after: float) -> str:
    return (f"machine: a {STEPS:,}-step Python loop took {before:.2f} s of CPU before the run "
            f"and {after:.2f} s after (lower is faster; docs/performance.md compares runs by it)")
