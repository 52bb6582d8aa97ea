"""Running a bench in N OS processes that keep in step round by round, and adding up their figures.

The parent starts the processes (spawn) with ``run_in_processes``; each process builds what it
measures, then calls ``link.round(run, tally)`` once per round. A barrier holds every process
(and the parent) at the start and at the end of each round, so a round starts only when all
processes have finished the one before; in those pauses the parent reads PostgreSQL's CPU
time. Each process times its own updates in a ``Tally`` and sends them to the parent, which
prints the round's figures over all processes.
"""

from __future__ import annotations

import multiprocessing
import statistics
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from bench.postgres_cpu import PostgresCpu, postgres_ticks

T = TypeVar("T")
ROUND_TIMEOUT_S = 900.0  # a process that died without a word must not hang the bench forever


def now() -> float:
    """Seconds on the system-wide monotonic clock: comparable between processes."""
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class Tally:
    """One process's figures for the round under way: a latency per update, and counts."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.counts: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, what: str, n: int = 1) -> None:
        with self._lock:  # also called from the update processor's threads
            self.counts[what] += n

    async def timed(self, run: Callable[[T], Awaitable[Any]], item: T) -> Any:
        started = time.perf_counter()
        result = await run(item)
        self.latencies.append(time.perf_counter() - started)
        return result

    def reset(self) -> None:
        self.latencies = []
        self.counts = Counter()


@dataclass
class Measured:
    """What one process measured in one round."""

    latencies: list[float]
    started: float
    finished: float
    cpu_s: float
    counts: Counter[str]


@dataclass
class Round:
    """One round (or several) over all processes."""

    label: str
    measured: list[Measured]
    wall_s: float
    postgres: PostgresCpu | None

    @property
    def updates(self) -> int:
        return sum(len(m.latencies) for m in self.measured)

    @property
    def latencies(self) -> list[float]:
        return [latency for m in self.measured for latency in m.latencies]

    @property
    def cpu_s(self) -> float:
        return sum(m.cpu_s for m in self.measured)

    @property
    def counts(self) -> Counter[str]:
        return sum((m.counts for m in self.measured), Counter())


@dataclass
class Link:
    """A process's end of the link to the parent: which part of the work it does, and the
    barrier and queue of every round."""

    index: int
    processes: int
    barrier: Any
    results: Any

    async def round(self, run: Callable[[], Awaitable[object]], tally: Tally) -> None:
        tally.reset()
        self.barrier.wait()  # everyone ready: the parent reads PostgreSQL's CPU time
        self.barrier.wait()  # go
        cpu, started = time.process_time(), now()
        await run()
        finished, cpu_s = now(), time.process_time() - cpu
        self.barrier.wait()  # everyone done: the parent reads PostgreSQL's CPU time again
        self.barrier.wait()  # (before anyone closes their connections)
        self.results.put(Measured(tally.latencies, started, finished, cpu_s, tally.counts))

    @contextmanager
    def failing_loudly(self) -> Iterator[None]:
        """A failure breaks the barrier, so the parent and the other processes stop too."""
        try:
            yield
        except BaseException:
            self.barrier.abort()
            raise


@dataclass
class Figures:
    """Every round of one run."""

    rounds: list[Round] = field(default_factory=list)

    def total(self) -> Round:
        """All rounds as one: their wall times add up (the pauses between rounds are left out),
        and the percentiles are over every update of every round."""
        spent = [r.postgres for r in self.rounds]
        postgres = None if None in spent else PostgresCpu.sum(s for s in spent if s is not None)
        return Round("all rounds", [m for r in self.rounds for m in r.measured],
                     sum(r.wall_s for r in self.rounds), postgres)


def run_in_processes(
    target: Callable[..., None], args: tuple[Any, ...], processes: int, rounds: int,
    postgres_url: str | None, before_measuring: Callable[[], None] | None = None,
) -> Figures:
    """Run ``target(link, *args)`` in ``processes`` spawned processes, for ``rounds`` rounds;
    with ``postgres_url``, also measure PostgreSQL's CPU time over each round.
    ``before_measuring`` runs in the parent once every process is ready for the first round
    (its warm-up done), while they all wait."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(processes + 1, timeout=ROUND_TIMEOUT_S)
    results = context.Queue()
    workers = [context.Process(target=target, args=(Link(i, processes, barrier, results), *args))
               for i in range(processes)]
    for worker in workers:
        worker.start()
    figures = Figures()
    try:
        for number in range(rounds):
            prepare = before_measuring if number == 0 else None
            figures.rounds.append(
                _one_round(number, barrier, results, processes, postgres_url, prepare))
    except threading.BrokenBarrierError:
        raise SystemExit("a bench process failed (its traceback is above)") from None
    finally:
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.terminate()
    return figures


def _one_round(number: int, barrier: Any, results: Any, processes: int,
               postgres_url: str | None, prepare: Callable[[], None] | None) -> Round:
    barrier.wait()
    if prepare is not None:
        prepare()
    before = postgres_ticks() if postgres_url else None
    barrier.wait()
    barrier.wait()
    spent = PostgresCpu.since(before, postgres_url) if before and postgres_url else None
    barrier.wait()
    measured = [results.get(timeout=ROUND_TIMEOUT_S) for _ in range(processes)]
    wall = max(m.finished for m in measured) - min(m.started for m in measured)
    return Round(f"round {number + 1}", measured, wall, spent)


HEADER = (f"{'':<38} {'updates':>7} {'updates/s':>9} {'p50 ms':>7} {'p99 ms':>7}   "
          f"CPU ms per update: {'bot':>5} {'postgres':>8} {'(bench db)':>10}")


def report(label: str, measured: Round) -> float:
    """Print one line of figures; returns updates/s."""
    latencies = measured.latencies
    if len(latencies) < 2:
        print(f"{label:<38} {measured.updates:>7} updates: too few to measure")
        return 0.0
    rate = measured.updates / measured.wall_s
    p99 = statistics.quantiles(latencies, n=100, method="inclusive")[98] * 1000
    pg = measured.postgres
    postgres = (f"{pg.all_s / measured.updates * 1000:8.2f} "
                f"{pg.bench_db_s / measured.updates * 1000:10.2f}"
                if pg is not None else f"{'-':>8} {'-':>10}")
    notes = ", ".join(f"{what} {n}" for what, n in sorted(measured.counts.items()))
    print(f"{label:<38} {measured.updates:>7} {rate:>9.0f} "
          f"{statistics.median(latencies) * 1000:>7.1f} {p99:>7.1f}   "
          f"{'':>18} {measured.cpu_s / measured.updates * 1000:>5.2f} {postgres}   "
          f"{notes}".rstrip())
    return rate
