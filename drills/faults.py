"""Faults under load: Redis stopped and restarted and PostgreSQL cut and restored while updates
arrive over HTTP; then a worker process SIGKILLed mid-sweep and mid-drain. No committed data
lost, no duplicate credit or notification, every interrupted update redelivered and handled,
and the service back within 5 s of its dependency.

    .venv/bin/python -m drills.faults --updates 1000 --pairs 300
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from drills.fault_checks import effects, report
from drills.faults_webhook import run_webhook_faults
from drills.faults_worker import run_worker_kills
from drills.outcome import Outcome
from drills.webhooks import throwaway_database


def run(updates: int = 400, pairs: int = 100, strict_timing: bool = True) -> Outcome:
    outcome = Outcome("faults")
    with tempfile.TemporaryDirectory(prefix="ns-faults-") as folder:
        with throwaway_database() as url:
            ran = run_webhook_faults(outcome, updates, url, Path(folder))
            report(outcome, ran.line, updates, strict_timing)
            effects(outcome, ran.bot, url, updates, ran.outbox_before, ran.requesters)
        with throwaway_database() as url:
            run_worker_kills(outcome, pairs, url, Path(folder))
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--pairs", type=int, default=300)
    args = parser.parse_args()
    if not 30 <= args.updates <= 5000 or not 4 <= args.pairs <= 2000:
        parser.error("--updates from 30 to 5000, --pairs from 4 to 2000")
    run(args.updates, args.pairs).print_and_exit()


if __name__ == "__main__":
    main()
