"""Fault drill, worker part: a worker process completing overdue exchanges and draining the
outbox is killed with SIGKILL mid-sweep, then mid-drain, and restarted each time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

from dependency_injector import providers

from drills.books import broken, counts
from drills.outcome import Outcome
from drills.webhooks import Person, services
from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container
from neighborshare.domain.values import Location
from neighborshare.services.users import Registration

STATE = {"completed": "SELECT count(*) FROM exchanges WHERE status = 'completed'",
         "unsent": "SELECT count(*) FROM outbox WHERE sent_at IS NULL",
         # messages to a neighbor: a post's fan-out row is turned into alerts, not delivered,
         # and an Accept/Decline or accepted message still unsent when its exchange completed
         # is set aside (services.exchanges.withdraw_buttons): nothing is left to answer
         "rows": "SELECT count(*) FROM outbox WHERE kind <> 'new_post_fan_out'"
                 " AND last_error IS DISTINCT FROM 'withdrawn'",
         "rewards": "SELECT count(*) FROM credit_transactions WHERE kind = 'portion_reward'"}


def accepted_pairs(c: Container, pairs: int) -> None:
    """``pairs`` sharer/requester pairs 1.2 km apart (no alerts across pairs), each with an
    exchange accepted three days ago: overdue for auto-completion."""
    from drills.webhooks import share

    users, auth, exchanges = c.users(), c.auth(), c.exchanges()
    for i in range(pairs):
        spot = Location(51.42 + (i // 15) * 0.0108, -0.26 + (i % 15) * 0.0173)
        sharer, requester = (Person(int(users.register(Registration(
            800_000_000 + 2 * i + k, f"P{i}{k}", auth.hash(f"+4477008{2 * i + k:05d}"),
            f"{i}{k}", spot)).user.id or 0), 800_000_000 + 2 * i + k) for k in (0, 1))
        post = share(c, sharer, 1, f"Dish {i}")
        exchange = exchanges.request(requester.user_id, post, 1)
        exchanges.accept(sharer.user_id, int(exchange.id or 0))


def start(url: str, deliveries: Path, workdir: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603 - our own module, fixed arguments
        [sys.executable, "-m", "drills.drain_worker", url, str(deliveries)], cwd=Path.cwd(),
        stdout=(workdir / "worker.out").open("ab"), stderr=subprocess.STDOUT)


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def kill_when(outcome: Outcome, process: subprocess.Popen[bytes], what: str,
              progress: Callable[[], int], total: int) -> float:
    """SIGKILL once ``progress()`` is past zero and short of ``total``; seconds to progress."""
    started, first = time.monotonic(), None
    while time.monotonic() - started < 60:
        done = progress()
        if done and first is None:
            first = time.monotonic() - started
        if done >= max(1, total // 4):
            os.kill(process.pid, signal.SIGKILL)
            process.wait()
            outcome.check(f"killed mid-{what} ({done} of {total} done)", done < total)
            return first or 0.0
        time.sleep(0.005)
    raise RuntimeError(f"the worker made no progress on {what}")


def run_worker_kills(outcome: Outcome, pairs: int, url: str, workdir: Path) -> None:
    c = services(url)
    c.clock.override(providers.Object(FixedClock(c.clock().now() - timedelta(days=3))))
    accepted_pairs(c, pairs)
    c.uow_factory().dispose()
    deliveries = workdir / "deliveries.txt"

    def state() -> dict[str, int]:
        return counts(url, STATE)

    outcome.attempt(f"a worker completing {pairs} overdue exchanges is SIGKILLed mid-sweep")
    worker = start(url, deliveries, workdir)
    kill_when(outcome, worker, "sweep", lambda: state()["completed"], pairs)
    worker = start(url, deliveries, workdir)
    outcome.attempt("restarted; SIGKILLed again mid-drain of the outbox")
    kill_when(outcome, worker, "drain", lambda: len(lines(deliveries)), state()["rows"])
    worker, restarted = start(url, deliveries, workdir), time.monotonic()
    outcome.attempt("restarted; left to finish")
    deadline = restarted + 90
    while time.monotonic() < deadline and (s := state())["unsent"] + pairs - s["completed"]:
        time.sleep(0.05)
    took = time.monotonic() - restarted
    outcome.figure("worker restart to everything delivered", f"{took:.1f} s")
    worker.terminate()
    worker.wait(timeout=20)
    final = state()
    outcome.check(f"every overdue exchange completed ({final['completed']} of {pairs})",
                  final["completed"] == pairs)
    outcome.check(f"one sharer reward per exchange ({final['rewards']})",
                  final["rewards"] == pairs)
    outcome.check(f"every outbox row delivered ({final['unsent']} left)", final["unsent"] == 0)
    sent = Counter(lines(deliveries))
    repeats = sum(n - 1 for n in sent.values())
    outcome.figure("outbox rows / distinct deliveries / repeats",
                   f"{final['rows']} / {len(sent)} / {repeats}")
    outcome.check("every outbox row reached its neighbor", len(sent) == final["rows"])
    outcome.check(f"repeats only at the kill: at most the 1 message in flight ({repeats})",
                  repeats <= 1)
    problems = broken(url)
    outcome.check(f"books balance after the kills {problems or ''}", not problems)
