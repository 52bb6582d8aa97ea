"""What the fault drill checks once the faults are over: the answers during each fault, the
recovery times, and that every update's effects were committed once with the books balanced."""

from __future__ import annotations

from collections import Counter

from tests.webhook.live import LiveBot

from drills.books import broken, counts
from drills.faults_webhook import Timeline, during
from drills.outcome import Outcome
from drills.webhooks import Person

RECOVERY_S = 5.0


def report(outcome: Outcome, line: Timeline, updates: int, strict_timing: bool) -> None:
    redis_out = during(line, "stop redis", "start redis")
    db_out = during(line, "cut database", "restore database")
    outcome.figure("answers while Redis was down", dict(redis_out))
    outcome.figure("answers while the database was cut", dict(db_out))
    outcome.figure("/healthz while Redis was down", dict(during(line, "stop redis", "start redis",
                                                                line.health)))
    outcome.check("Redis down: every update still answered 200 (cache and limiter carry on)",
                  set(redis_out) <= {200})
    outcome.check("database cut: refused with 503, never acknowledged unprocessed",
                  set(db_out) <= {200, 503} and db_out[503] > 0)
    for event, series, name in (("restore database", line.answers, "updates"),
                                ("restore database", line.health, "/healthz"),
                                ("start redis", line.health, "/healthz")):
        back = line.back_after(event, series)
        shown = "never" if back is None else f"{back:.2f} s"
        outcome.figure(f"{name} 200 again after '{event}'", shown)
        claim = f"{name} back after '{event}'"
        if strict_timing:
            outcome.check(f"{claim} within {RECOVERY_S:.0f} s ({shown})",
                          back is not None and back <= RECOVERY_S)
        else:
            outcome.check(f"{claim} ({shown})", back is not None)
    outcome.check("every update finally answered 200",
                  sum(1 for _, status in line.answers if status == 200) == updates)
    outcome.figure("delivery attempts for updates", f"{len(line.answers)} for {updates}")


def effects(outcome: Outcome, bot: LiveBot, url: str, updates: int, outbox_before: int,
            requesters: list[Person]) -> None:
    found = counts(url, {
        "updates": "SELECT count(*) FROM telegram_updates",
        "exchanges": "SELECT count(*) FROM exchanges",
        "holds": "SELECT count(*) FROM credit_transactions WHERE kind = 'request_hold'",
        "outbox": "SELECT count(*) FROM outbox"})
    outcome.check(f"every update's effects committed once: {found['exchanges']} exchanges, "
                  f"{found['holds']} holds, {found['updates']} update ids",
                  found["exchanges"] == found["holds"] == found["updates"] == updates)
    outcome.check(f"one notification queued per update ({found['outbox'] - outbox_before})",
                  found["outbox"] - outbox_before == updates)
    replies = Counter(m.chat_id for m in bot.api.sent if m.text.startswith("🙋 You asked"))
    asked = Counter(p.telegram_id for p in requesters for _ in range(3))
    short = [p.telegram_id for p in requesters if replies[p.telegram_id] < min(
        asked[p.telegram_id], updates - 3 * requesters.index(p))]
    extra = sum(replies.values()) - updates
    outcome.check(f"every handled update answered in its chat ({len(short)} without)", not short)
    outcome.figure("direct replies repeated by attempts rolled back at the cut", max(0, extra))
    problems = broken(url)
    outcome.check(f"books balance {problems or ''}", not problems)
