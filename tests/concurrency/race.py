"""Run one callable per thread, all released at once, and collect what each returned or raised."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any


def race(calls: list[Callable[[], Any]]) -> list[Any]:
    """Each call's result, or the exception it raised, in the order given."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], Any]) -> Any:
        start.wait()
        try:
            return call()
        except Exception as error:  # the outcome under test, kept for the assertions
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))
