"""What a drill tried, what held, and the figures it measured; printed and asserted."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    name: str
    tried: list[str] = field(default_factory=list)
    checks: list[tuple[str, bool]] = field(default_factory=list)
    figures: dict[str, object] = field(default_factory=dict)

    def attempt(self, what: str) -> None:
        self.tried.append(what)

    def check(self, claim: str, held: bool) -> bool:
        self.checks.append((claim, bool(held)))
        return bool(held)

    def figure(self, name: str, value: object) -> None:
        self.figures[name] = value

    @property
    def failed(self) -> list[str]:
        return [claim for claim, held in self.checks if not held]

    @property
    def passed(self) -> bool:
        return bool(self.checks) and not self.failed

    def render(self) -> str:
        lines = [f"== drill: {self.name}"]
        lines += [f"tried: {t}" for t in self.tried]
        lines += [f"{'HELD' if held else 'FAILED'}: {claim}" for claim, held in self.checks]
        lines += [f"figure: {k} = {v}" for k, v in self.figures.items()]
        lines.append(f"== {self.name}: {'PASS' if self.passed else 'FAIL'}")
        return "\n".join(lines)

    def print_and_exit(self) -> None:
        """For the scripts: print, then exit 1 if any claim failed."""
        print(self.render(), flush=True)
        raise SystemExit(0 if self.passed else 1)
