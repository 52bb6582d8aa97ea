"""Signing up: phone numbers by shared contact or texted code, welcome credits."""

from __future__ import annotations

import hashlib

from pytest_bdd import parsers, step, then, when

from tests.bdd.steps.people import sign_up
from tests.bdd.world import CENTRE, World, offset


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
