"""The domain imports only the standard library (and itself)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import neighborshare.domain

DOMAIN = Path(neighborshare.domain.__file__).parent
ALLOWED = set(sys.stdlib_module_names) | {"__future__", "neighborshare"}


def imported_modules(source: str) -> set[str]:
    """Absolute module names a module imports (relative imports stay inside the domain)."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def foreign_imports(source: str) -> set[str]:
    """Roots beyond the standard library, and any neighborshare module outside the domain."""
    foreign = set()
    for module in imported_modules(source):
        root = module.split(".")[0]
        if root not in ALLOWED:
            foreign.add(root)
        elif root == "neighborshare" and not module.startswith("neighborshare.domain"):
            foreign.add(module)
    return foreign


def domain_modules() -> list[Path]:
    paths = sorted(DOMAIN.rglob("*.py"))
    assert {"values.py", "exchanges.py", "credits.py"} <= {p.name for p in paths}
    return paths


def test_every_domain_module_imports_only_the_standard_library():
    offenders = {
        path.relative_to(DOMAIN).as_posix(): sorted(foreign_imports(path.read_text()))
        for path in domain_modules()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_check_catches_third_party_and_outer_layer_imports():
    source = (
        "import os\nimport sqlalchemy.orm\nfrom pydantic import BaseModel\n"
        "from neighborshare.services import food\nfrom neighborshare.domain import values\n"
        "from . import rules\n"
    )
    assert foreign_imports(source) == {"sqlalchemy", "pydantic", "neighborshare.services"}
