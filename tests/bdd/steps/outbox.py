"""Steps about messages Telegram refuses, and the moderators' outbox commands."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import given, parsers, step, then, when

from neighborshare.domain.records import OutboxMessage
from tests.bdd.world import World


def _failed(world: World, name: str) -> list[OutboxMessage]:
    """``name``'s failed messages about a request (the others, alerts of new dishes, aside)."""
    with world.uow() as uow:
        return [m for m in uow.outbox.failed(100)
                if m.recipient_id == world.id(name) and m.kind == "request_received"]


@given(parsers.parse('Telegram refuses every message to {name}: "{reason}"'))
def refuses(world: World, name: str, reason: str) -> None:
    world.container.notifier().refused[world.telegram[name]] = reason


@when(parsers.parse("Telegram accepts messages to {name} again"))
def accepts(world: World, name: str) -> None:
    world.container.notifier().refused.pop(world.telegram[name], None)


@step("the outbox is tried for an hour")
def tried_for_an_hour(world: World) -> None:
    for _ in range(12):  # every 5 minutes, as the worker's drains would
        world.container.notifications().drain_all()
        world.clock.advance(timedelta(minutes=5))


@then(parsers.parse('{name}\'s message about the request has failed: "{reason}"'))
def has_failed(world: World, name: str, reason: str) -> None:
    [message] = _failed(world, name)
    assert message.last_error == reason


@then(parsers.parse("{name} has no failed message"))
def no_failed(world: World, name: str) -> None:
    assert _failed(world, name) == []


@when(parsers.re(r"(?P<mod>\w+) (?P<verb>retries|drops) (?P<name>\w+)'s failed message"
                 r'(?: because "(?P<reason>[^"]*)")?'))
def acts(world: World, mod: str, verb: str, name: str, reason: str | None) -> None:
    [message] = _failed(world, name)
    assert message.id is not None
    world.results["failed message"] = message.id
    admin = world.container.outbox_admin()
    act = admin.retry if verb == "retries" else admin.drop
    world.attempt(mod, lambda: act(world.id(mod), message.id or 0, reason or ""))


@then(parsers.parse('the audit log records {mod} "{action}" on {name}\'s failed message'))
def audited(world: World, mod: str, action: str, name: str) -> None:
    entries = world.container.moderation().audit_log(limit=20)
    assert any(e.actor_id == world.id(mod) and e.action == action and e.target_type == "outbox"
               and e.target_id == world.results["failed message"]
               and e.details["recipient_id"] == world.id(name) for e in entries)
