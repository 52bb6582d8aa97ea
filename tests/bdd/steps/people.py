"""Neighbors and moderators: who they are, where they live, what they may eat, their standing."""

from __future__ import annotations

import hashlib
import re

from pytest_bdd import given, parsers, step, then, when

from neighborshare.domain.credits import adjustment
from neighborshare.domain.users import Role, UserStatus
from neighborshare.domain.values import parse_allergens, parse_diet_tags
from neighborshare.services.ledger import record
from neighborshare.services.users import Registration
from tests.bdd.world import CENTRE, World, offset


def names(text: str) -> list[str]:
    """ "Tom, Ana and Ben" -> ["Tom", "Ana", "Ben"]."""
    return [n for n in re.split(r",\s*|\s+and\s+", text.strip()) if n]


def sign_up(world: World, name: str, phone: str = "", apartment: str = "", where=CENTRE) -> None:
    index = len(world.telegram) + 1
    telegram_id = world.telegram.setdefault(name, 1000 + index)
    auth = world.container.auth()
    world.results[f"phone:{name}"] = phone
    form = Registration(
        telegram_id=telegram_id,
        preferred_name=name,
        phone=auth.hash(auth.normalize(phone or f"+447700900{100 + index:03d}")),
        apartment=apartment or f"{index}A",
        location=where,
    )
    onboarded = world.attempt(name, lambda: world.container.users().register(form))
    if onboarded is not None:
        world.people[name] = onboarded.user.id or 0
        world.results[f"welcome:{name}"] = onboarded.welcome_credits


@given(parsers.parse("{people} are neighbors"))
def neighbors(world: World, people: str) -> None:
    for name in names(people):
        sign_up(world, name)


@given(parsers.re(r"(?P<name>\w+) is a neighbor(?: in apartment (?P<apartment>\S+))?$"))
def neighbor(world: World, name: str, apartment: str | None) -> None:
    sign_up(world, name, apartment=apartment or "")


@given(parsers.parse("{name} is a neighbor {metres:d} m {direction} of the centre"))
def neighbor_at(world: World, name: str, metres: int, direction: str) -> None:
    sign_up(world, name, where=offset(CENTRE, metres, direction))


@step(
    parsers.re(r'(?P<name>\w+) signs up with phone "(?P<phone>[^"]+)"(?: (?P<km>\d+) km north)?$')
)
def signs_up(world: World, name: str, phone: str, km: str | None) -> None:
    where = offset(CENTRE, int(km) * 1000, "north") if km else CENTRE
    sign_up(world, name, phone=phone, where=where)


@then(parsers.parse("{name} got {count:d} welcome credits"))
def got_welcome(world: World, name: str, count: int) -> None:
    assert world.results[f"welcome:{name}"] == count


@then(parsers.parse("{name} is not registered"))
def not_registered(world: World, name: str) -> None:
    assert world.container.users().find_by_telegram_id(world.telegram[name]) is None


@given(parsers.parse("{name} is a moderator"))
def moderator(world: World, name: str) -> None:
    sign_up(world, name)
    with world.uow() as uow:
        user = uow.users.get(world.id(name))
        assert user is not None
        user.role = Role.MODERATOR
        uow.users.save(user)
        uow.commit()


@given(parsers.re(r"(?P<name>\w+) is (?P<state>suspended|banned)$"))
def standing(world: World, name: str, state: str) -> None:
    with world.uow() as uow:
        user = uow.users.get(world.id(name))
        assert user is not None
        user.ban() if state == "banned" else user.suspend(None)
        uow.users.save(user)
        uow.commit()


@given(parsers.parse("{name} is allergic to {allergens}"))
def allergic(world: World, name: str, allergens: str) -> None:
    world.container.users().update_preferences(
        world.telegram[name], allergies=parse_allergens(names(allergens))
    )


@given(parsers.parse("{name} eats only {tags} food"))
def diet(world: World, name: str, tags: str) -> None:
    world.container.users().update_preferences(
        world.telegram[name], diet_restrictions=parse_diet_tags(names(tags))
    )


@given(parsers.parse("{name} turned off new-post alerts"))
def alerts_off(world: World, name: str) -> None:
    world.container.users().update_preferences(world.telegram[name], notifications_enabled=False)


@given(parsers.parse("{name} has blocked the bot"))
def blocked(world: World, name: str) -> None:
    world.container.notifier().blocked.add(world.telegram[name])


@given(parsers.parse("{name} has {count:d} credits"))
def has_credits(world: World, name: str, count: int) -> None:
    with world.uow() as uow:
        user = uow.users.get_for_update(world.id(name))
        assert user is not None
        change = count - user.balance
        if change:
            record(
                uow,
                user,
                adjustment(
                    user.id or 0, change, "test set-up", f"setup:{name}:{count}", world.clock.now()
                ),
            )
        uow.commit()


@then(parsers.parse("{name} has {count:d} credits"))
def balance_is(world: World, name: str, count: int) -> None:
    user = world.user(name)
    with world.uow() as uow:
        ledger = uow.credits.total_for(user.id or 0)
    assert (user.balance, ledger) == (count, count), "balance and ledger must both match"


@then(
    parsers.re(r"(?P<name>\w+) is (?P<state>active|banned|suspended)(?: for (?P<days>\d+) days)?$")
)
def standing_is(world: World, name: str, state: str, days: str | None) -> None:
    user = world.user(name)
    now = world.clock.now()
    if state == "active":
        assert user.is_active(now) and user.status is UserStatus.ACTIVE
        return
    assert user.status.value == state
    if days is not None:
        assert user.suspended_until is not None
        assert round((user.suspended_until - now).total_seconds() / 86400) == int(days)


@when(parsers.parse("{name} shares {other}'s contact card"))
def shares_contact(world: World, name: str, other: str) -> None:
    sender = world.telegram.setdefault(name, 1000 + len(world.telegram) + 1)
    auth = world.container.auth()
    world.attempt(name, lambda: auth.from_contact("+447700900555", world.telegram[other], sender))


@when(parsers.parse('{name} types the phone number "{raw}"'))
def types_phone(world: World, name: str, raw: str) -> None:
    world.telegram.setdefault(name, 1000 + len(world.telegram) + 1)
    world.results[f"sms:{name}"] = world.attempt(
        name, lambda: world.container.auth().start_sms(raw)
    )


@then(parsers.parse('{name}\'s phone is stored only as a keyed hash ending in "{last_two}"'))
def phone_hashed(world: World, name: str, last_two: str) -> None:
    user = world.user(name)
    number = world.results.get(f"phone:{name}", "")
    assert user.phone.last_two == last_two
    assert len(user.phone.digest) == 64 and number[1:] not in user.phone.digest
    assert user.phone.digest != hashlib.sha256(number.encode()).hexdigest(), "must be keyed"
    assert number[1:] not in repr(vars(user)) and number[-6:] not in repr(user.phone)


@then(parsers.parse("no code was texted to {name}"))
def no_code(world: World, name: str) -> None:
    assert world.container.sms_verifier().codes == {}


@then(parsers.parse('a code was texted to {name} at "{e164}"'))
def code_texted(world: World, name: str, e164: str) -> None:
    codes = world.container.sms_verifier().codes
    assert list(codes) == [e164] and world.results[f"sms:{name}"] == e164


@when(parsers.re(r'(?P<name>\w+) enters the code (?:"(?P<code>\d+)"|she was texted)'))
def enters_code(world: World, name: str, code: str | None) -> None:
    e164 = world.results[f"sms:{name}"]
    code = code or world.container.sms_verifier().codes[e164]
    auth = world.container.auth()
    world.results[f"verified:{name}"] = world.attempt(name, lambda: auth.check_sms(e164, code))


@then(parsers.parse("{name}'s number is verified"))
def verified(world: World, name: str) -> None:
    auth = world.container.auth()
    expected = auth.hash(world.results[f"sms:{name}"])
    assert world.results[f"verified:{name}"] == expected
