"""bench/webhook_load.py: the load generator's own pauses stay out of what it measures."""

from __future__ import annotations

import gc
from collections import Counter

import pytest
from bench.webhook_load import paused_garbage_collection, report


def test_the_generator_does_not_collect_garbage_while_it_measures() -> None:
    assert gc.isenabled()
    with paused_garbage_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_garbage_collection():
        raise RuntimeError("a failed run")
    assert gc.isenabled()  # collecting again, whatever became of the run


def test_the_report_prints_rate_percentiles_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    latencies = [0.001 * n for n in range(1, 101)]  # 1 .. 100 ms
    report(latencies, Counter({"HTTP 503": 2}), 10.0, 100, 2, "closed loop")
    printed = capsys.readouterr().out
    assert "requests: 100  requests/s: 10" in printed
    assert "p50 50.5" in printed and "p99 100.0" in printed and "max 100.0" in printed
    assert "errors: 2 {'HTTP 503': 2}" in printed
