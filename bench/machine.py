"""How fast this machine runs Python right now, printed beside a bench's figures.

This shared 2-core machine has run the same code at anything from about half to full speed,
changing within minutes (docs/performance.md). A bench's figures mean little without knowing
which: each bench that prints this times a fixed Python loop before and after its run. At the
machine's usual speed the 10,000,000-step loop takes about 0.4 s of CPU (0.38-0.40 s; the same
loop written at a module's top level, with global names, 0.86-0.93 s); 0.55 s and more is a
slow stretch.
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
            f"and {after:.2f} s after (about 0.4 s at this machine's usual speed)")
