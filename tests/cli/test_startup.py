"""`neighborshare --help` and `reports list` never load the heavy service libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("boto3", "botocore", "telegram", "huey", "redis", "twilio", "googlemaps")

PROBE = """
import sys
from click.testing import CliRunner
from neighborshare.entrypoints.cli import main
args = sys.argv[1:]
if args == ["--help"]:
    container = None
else:
    from neighborshare.container import memory_container
    container = memory_container()
result = CliRunner().invoke(main, args, obj=container)
assert result.exit_code == 0, result.output
heavy = sorted(name for name in sys.modules if name.split(".")[0] in {heavy})
print(",".join(heavy))
"""


def _heavy_modules_after(*args: str) -> str:
    code = PROBE.replace("{heavy}", repr(set(HEAVY)))
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def test_help_and_reports_list_load_no_heavy_library():
    assert _heavy_modules_after("--help") == ""
    assert "neighborshare.container" not in _loaded_after_help()
    assert _heavy_modules_after("reports", "list") == ""
    assert _heavy_modules_after("stats") == ""


def _loaded_after_help() -> str:
    code = (
        "import sys\nfrom neighborshare.entrypoints.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    print(sorted(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout
