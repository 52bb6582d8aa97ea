"""bench/machine.py: the loop's time grows with its steps, and the line says which is which."""

from __future__ import annotations

from bench.machine import python_loop_seconds, speed_line


def test_a_longer_loop_takes_longer() -> None:
    short, long = python_loop_seconds(200_000), python_loop_seconds(2_000_000)
    assert 0 < short < long


def test_the_speed_line_names_before_and_after() -> None:
    line = speed_line(0.95, 1.62)
    assert "0.95 s of CPU before the run" in line and "1.62 s after" in line
