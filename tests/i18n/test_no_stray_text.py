"""No text a neighbor reads is written outside the catalogs: every string literal in the
packages that speak to neighbors either goes through _ / N_ / ngettext or is not prose
(a callback prefix, a format pattern, a code), or is named below with the reason."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "neighborshare"
CHECKED = ("domain", "services", "presentation", "entrypoints/bot")
TRANSLATING = {"_", "N_", "ngettext"}
# calls whose strings are for operators and logs, never for a neighbor
NOT_FOR_NEIGHBORS = {"debug", "info", "warning", "error", "exception", "critical", "log",
                     "RuntimeError", "ValueError", "TypeError", "KeyError", "LookupError",
                     "AssertionError", "ScriptError", "NotImplementedError", "getLogger",
                     "ClickException", "BadParameter", "option", "command", "argument",
                     "echo", "ContextVar", "ThreadPoolExecutor", "Thread", "filterwarnings"}
# a word of prose: two words with a space, or a capitalised word ("Skip", "Done ✔️")
_PROSE = re.compile(r"[A-Za-z]{2,}[,.!?']?\s+[A-Za-z]{2,}|^\W*[A-Z][a-z]{2,}\b")

# (file, literal): moderator- or operator-facing text kept in English on purpose
ALLOWED = {
    # the ledger's own description column and the audit trail, read by moderators
    ("domain/credits.py", "Welcome bonus"),
    ("domain/credits.py", "Held for a request"),
    ("domain/credits.py", "Hold returned"),
    ("domain/credits.py", "Thanks for sharing"),
    ("domain/credits.py", "5-star food bonus"),
    ("domain/credits.py", "Adjusted by a moderator"),
    ("services/ratings.py", "Automatic: several low interaction ratings in 30 days."),
    ("services/first_moderator.py", "first moderator"),
    ("services/ratings.py", "low ratings"),  # audit reasons
    ("services/reporting.py", "food-safety report"),
    ("services/reporting.py", "several reports"),
    # values, not prose: a time zone name, an allergen's stored value, Telegram's error text
    ("domain/rules.py", "Europe/London"),
    ("domain/values.py", "tree nuts"),
    ("entrypoints/bot/outgoing.py", "not modified"),
    ("entrypoints/bot/replies.py", "not modified"),
    ("entrypoints/bot/photos.py", "file is too big"),
    # words a neighbor types, read by the pickup window parser (never shown)
    ("domain/pickup.py", "tomorrow night"),
    ("presentation/pickup_words.py", "*"),
    # the chat terminal's own help (the operator's tool, not the bot)
    ("entrypoints/bot/chat.py", "*"),
    ("entrypoints/bot/script.py", "*"),
    ("entrypoints/bot/transcript.py", "*"),
}


def literals(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _name(node.func) in TRANSLATING | NOT_FOR_NEIGHBORS:
            skipped.update(id(n) for arg in node.args for n in ast.walk(arg))
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                skipped.add(id(body[0].value))  # a docstring
    found = []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                and id(node) not in skipped and _PROSE.search(node.value)):
            found.append((node.lineno, node.value))
    return found


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def modules() -> list[Path]:
    return sorted(p for folder in CHECKED for p in (PACKAGE / folder).rglob("*.py"))


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_neighbor_text_outside_the_catalogs(path: Path) -> None:
    where = str(path.relative_to(PACKAGE))
    if (where, "*") in ALLOWED:
        return
    stray = [(line, text) for line, text in literals(path) if (where, text) not in ALLOWED]
    assert not stray, f"{where}: wrap in _()/N_() or move to presentation: {stray[:5]}"


def test_the_check_finds_a_bare_sentence(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('"""Doc."""\nA = "Please try again."\nB = _("Fine here.")\nC = "sh:win"\n'
                      'D = "Skip"\nlog.info("for operators only")\n')
    assert [text for _line, text in literals(sample)] == ["Please try again.", "Skip"]
