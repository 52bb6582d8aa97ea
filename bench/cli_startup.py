"""Median wall time of `neighborshare --help` and of `reports list` on an empty SQLite database.

Run: .venv/bin/python bench/cli_startup.py [--runs 20]. Target: --help under 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_HELP_SECONDS = 0.3


def _script() -> str:
    found = Path(sys.executable).with_name("neighborshare")
    return str(found) if found.exists() else (shutil.which("neighborshare") or "neighborshare")


def _median(command: list[str], env: dict[str, str], cwd: str, runs: int) -> tuple[float, int]:
    times, code = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
        code = done.returncode
    return statistics.median(times), code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    script = _script()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEIGHBORSHARE_")}
        env |= {
            "NEIGHBORSHARE_PROFILE": "embedded",
            "NEIGHBORSHARE_DATABASE_URL": f"sqlite:///{folder}/bench.db",
        }
        upgrade = subprocess.run(
            [script, "db", "upgrade"], env=env, cwd=folder, capture_output=True, check=False
        )
        schema = "migrated" if upgrade.returncode == 0 else "NO SCHEMA (db upgrade failed)"
        help_median, _ = _median([script, "--help"], env, folder, runs)
        list_median, code = _median([script, "reports", "list"], env, folder, runs)
    verdict = "OK" if help_median < TARGET_HELP_SECONDS else "OVER TARGET"
    print(
        f"neighborshare --help: median {help_median:.3f} s over {runs} runs "
        f"(target < {TARGET_HELP_SECONDS} s: {verdict})"
    )
    print(
        f"neighborshare reports list (empty SQLite, {schema}): median {list_median:.3f} s "
        f"over {runs} runs, exit code {code}"
    )


if __name__ == "__main__":
    main()
