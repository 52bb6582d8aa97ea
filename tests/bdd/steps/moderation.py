"""Reports by neighbors and what moderators do about them, audited."""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from neighborshare.domain.reports import ModerationAction
from neighborshare.services.moderation import Resolution
from tests.bdd.world import World


def resolution(world: World, action: str) -> Resolution:
    words = action.split()
    if action.startswith("suspending"):
        return Resolution(ModerationAction.SUSPEND, "", days=int(words[-2]))
    if action.startswith("adjusting"):
        return Resolution(ModerationAction.ADJUST_CREDITS, "report upheld", amount=int(words[-1]))
    verbs = {"warning": "WARN", "banning": "BAN", "hiding": "HIDE_POST"}
    return Resolution(ModerationAction[verbs[words[0]]], "upheld")


@step(parsers.re(r"(?P<mod>\w+) (?P<verb>claims|dismisses|dismissed) (?P<reporter>\w+)'s report"))
def triage(world: World, mod: str, verb: str, reporter: str) -> None:
    report_id, service = world.report_id(reporter), world.container.moderation()
    if verb == "claims":
        world.attempt(mod, lambda: service.claim(world.id(mod), report_id))
    else:
        world.attempt(mod, lambda: service.dismiss(world.id(mod), report_id, "not a problem"))


@step(parsers.re(r"(?P<mod>\w+) resolves (?P<reporter>\w+)'s report by (?P<action>.+)"))
def resolves(world: World, mod: str, reporter: str, action: str) -> None:
    report_id, service = world.report_id(reporter), world.container.moderation()
    chosen = resolution(world, action)
    world.attempt(mod, lambda: service.resolve(world.id(mod), report_id, chosen))


@step(
    parsers.re(
        r"(?P<mod>\w+) (?P<verb>suspends|bans|lifts the suspension of) (?P<name>\w+)"
        r'(?: for (?P<days>\d+) days)? because "(?P<reason>[^"]*)"'
    )
)
def acts_on_user(
    world: World, mod: str, verb: str, name: str, days: str | None, reason: str
) -> None:
    service, me, them = world.container.moderation(), world.id(mod), world.id(name)
    actions = {
        "suspends": lambda: service.suspend_user(me, them, int(days) if days else None, reason),
        "bans": lambda: service.ban_user(me, them, reason),
        "lifts the suspension of": lambda: service.unsuspend_user(me, them, reason),
    }
    world.attempt(mod, actions[verb])


@step(
    parsers.re(
        r"(?P<mod>\w+) adjusts (?P<name>\w+)'s credits by (?P<amount>[+-]?\d+)"
        r' because "(?P<reason>[^"]*)"'
    )
)
def adjusts(world: World, mod: str, name: str, amount: str, reason: str) -> None:
    service = world.container.moderation()
    world.attempt(
        mod, lambda: service.adjust_credits(world.id(mod), world.id(name), int(amount), reason)
    )


@step(parsers.re(r'(?P<mod>\w+) hides the (?P<dish>\w+) because "(?P<reason>[^"]*)"'))
def hides(world: World, mod: str, dish: str, reason: str) -> None:
    service = world.container.moderation()
    world.attempt(
        mod, lambda: service.set_post_hidden(world.id(mod), world.post_id(dish), True, reason)
    )


@then(
    parsers.re(
        r'the audit log records (?P<actor>\w+|the system) "(?P<action>[^"]+)" on '
        r"(?P<target>\w+(?:'s report)?)"
        r'(?: because "(?P<reason>[^"]*)")?'
    )
)
def audited(world: World, actor: str, action: str, target: str, reason: str | None) -> None:
    actor_id = None if actor == "the system" else world.id(actor)
    if target.endswith("'s report"):
        target_id: int | None = world.report_id(target.removesuffix("'s report"))
    else:
        target_id = world.people.get(target) or world.dishes.get(target)
    entries = world.container.moderation().audit_log(limit=100)
    matching = [
        e
        for e in entries
        if (e.actor_id, e.action, e.target_id) == (actor_id, action, target_id)
        and (reason is None or e.reason == reason)
    ]
    assert matching, [(e.actor_id, e.action, e.target_id, e.reason) for e in entries]
    assert matching[0].at <= world.clock.now()


@step(parsers.parse("{mod} dismissed all of {reporter}'s reports"))
def dismissed_all(world: World, mod: str, reporter: str) -> None:
    service = world.container.moderation()
    for who, report_id in world.reports:
        if who == reporter:
            service.dismiss(world.id(mod), report_id, "nothing to act on")


@step(parsers.re(r'(?P<mod>\w+) restores the (?P<dish>\w+) because "(?P<reason>[^"]*)"'))
def restores(world: World, mod: str, dish: str, reason: str) -> None:
    service = world.container.moderation()
    world.attempt(
        mod, lambda: service.set_post_hidden(world.id(mod), world.post_id(dish), False, reason)
    )
