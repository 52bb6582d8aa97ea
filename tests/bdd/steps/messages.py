"""What neighbors are told: refusals, notifications, alerts and credit statements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytest_bdd import given, parsers, then, when

from neighborshare.presentation.refusals import explain
from tests.bdd.world import World

ALERT = "New nearby:"


@then(parsers.parse('{name} is told "{text}"'))
def told(world: World, name: str, text: str) -> None:
    error = world.take_refusal(name)
    told = explain(error)
    assert text in told, f"{name} was told {told!r}"


@then(parsers.parse('{name} is notified "{text}"'))
def notified(world: World, name: str, text: str) -> None:
    inbox = world.inbox(name)
    assert any(text in message for message in inbox), inbox


@then(parsers.parse("{name} is notified nothing"))
def notified_nothing(world: World, name: str) -> None:
    inbox = world.inbox(name)
    assert inbox == [], inbox


@then(parsers.parse('{name} is not notified "{text}"'))
def not_notified(world: World, name: str, text: str) -> None:
    inbox = world.inbox(name)
    assert not any(text in message for message in inbox), inbox


@then(parsers.re(r"(?P<name>\w+) gets (?P<count>no|\d+) new-post alerts?(?: about (?P<dish>\w+))?"))
def alerts(world: World, name: str, count: str, dish: str | None) -> None:
    about = f"{ALERT} {dish} from" if dish else ALERT
    found = [m for m in world.inbox(name) if about in m]
    assert len(found) == (0 if count == "no" else int(count)), found


@then(parsers.parse("{name} gets a new-post alert about {dish}"))
@given(parsers.parse("{name} was alerted to {dish}"))
def one_alert(world: World, name: str, dish: str) -> None:
    alerts(world, name, "1", dish)


@then(parsers.parse("{name}'s credit history starts with:"))
def history(world: World, name: str, datatable: list[list[str]]) -> None:
    statement = world.container.credits().statement(world.id(name))
    header, *rows = datatable
    assert header == ["amount", "description"]
    shown = [[f"{tx.amount:+d}", tx.description] for tx in statement.recent[: len(rows)]]
    assert shown == rows


@then(parsers.parse('{name}\'s ledger shows "{description}" {count:d} times'))
def ledger_count(world: World, name: str, description: str, count: int) -> None:
    statement = world.container.credits().statement(world.id(name), limit=100)
    assert sum(tx.description == description for tx in statement.recent) == count


@then(parsers.parse('{count:d} of them are told "{text}"'))
def some_told(world: World, count: int, text: str) -> None:
    matching = [r for r in world.refusals if text in explain(r.error)]
    assert len(matching) == len(world.refusals) == count, world.refusals
    world.refusals.clear()


@then(parsers.parse('{name} is notified "{text}" {count:d} times'))
def notified_times(world: World, name: str, text: str, count: int) -> None:
    inbox = world.inbox(name)
    assert sum(text in message for message in inbox) == count, inbox


@then(parsers.parse("no alert about {dish} was queued for {name}"))
def no_alert_queued(world: World, dish: str, name: str) -> None:
    with world.uow() as uow:
        rows = uow.outbox.sent_to(world.id(name))
    assert not [m for m in rows if m.kind == "new_post" and m.payload.get("name") == dish]


@then(parsers.parse("{name} is unreachable"))
def unreachable(world: World, name: str) -> None:
    world.inbox(name)  # delivering is what reveals a block
    assert world.user(name).reachable is False


@when("the morning digest goes out")
def morning_digest(world: World) -> None:
    world.results["digests"] = world.container.digests().send_daily()


@when("the weekly digest goes out next Monday")
def weekly_digest(world: World) -> None:
    """The clock moves to next Monday, just after the weekly digest's time."""
    rules, local = world.container.rules(), world.local_now()
    monday = local.date() + timedelta(days=7 - local.weekday())
    at = datetime.combine(monday, rules.weekly_digest_at, tzinfo=world.tz)
    world.clock.set((at + timedelta(minutes=5)).astimezone(UTC))
    world.results["digests"] = world.container.digests().send_weekly()


@then(parsers.parse("{name}'s last message offers {labels}"))
def offers_buttons(world: World, name: str, labels: str) -> None:
    world.inbox(name)
    last = world.container.notifier().to(world.telegram[name])[-1]
    shown = [button.label for row in last.buttons for button in row]
    for label in labels.replace(" and ", ", ").split(", "):
        assert any(label in text for text in shown), shown
