"""A neighbor's data export (/mydata), read back from the JSON the bot sends."""

from __future__ import annotations

import json
from typing import Any

from pytest_bdd import parsers, then, when

from neighborshare.presentation.my_data import export_json
from tests.bdd.world import World


def _export(world: World, name: str) -> Any:
    exports = world.results.setdefault("exports", {})
    if name not in exports:
        data = world.container.export().export(world.id(name))
        exports[name] = json.loads(export_json(data))
    return exports[name]


def _text(world: World, name: str) -> str:
    return json.dumps(_export(world, name), ensure_ascii=False)


@when(parsers.re(r"(?P<name>\w+) exports (?:his|her|their) data"))
def exports(world: World, name: str) -> None:
    world.results.setdefault("exports", {}).pop(name, None)
    _export(world, name)


@then(parsers.parse("{name}'s export shows:"))
def export_shows(world: World, name: str, datatable: list[list[str]]) -> None:
    for path, wanted in datatable[1:]:
        value = _export(world, name)
        for part in path.split("."):
            value = value[int(part)] if part.isdigit() else value[part]
        shown = json.dumps(value) if not isinstance(value, str) else value
        assert shown == wanted, f"{path}: {shown!r} != {wanted!r}"


@then(parsers.re(r"(?P<name>\w+)'s export lists (?P<count>no|\d+) (?P<what>credit movements?|"
                 r"reports? filed|posts?)$"))
def export_counts(world: World, name: str, count: str, what: str) -> None:
    section = {"credit": ("credits", "ledger"), "reports": ("reports_filed",),
               "report": ("reports_filed",), "posts": ("posts",), "post": ("posts",)}
    value = _export(world, name)
    for key in section[what.split()[0]]:
        value = value[key]
    assert len(value) == (0 if count == "no" else int(count)), value


@then(parsers.parse("{name}'s export never shows {name2}'s phone hash"))
def no_phone_hash(world: World, name: str, name2: str) -> None:
    digest = world.user(name2).phone.digest
    assert digest not in _text(world, name)
    assert "phone_digest" not in _text(world, name)


@then(parsers.parse("{name}'s export never shows who {other} is"))
def never_who(world: World, name: str, other: str) -> None:
    them = world.user(other)
    text = _text(world, name)
    for trace in (them.preferred_name, them.apartment, str(them.telegram_id)):
        assert trace not in text, trace
    keys = {path.rsplit(".", 1)[-1] for path, _ in _leaves(_export(world, name))}
    assert not keys & {"rater_id", "rated_id", "reporter_id", "reported_id", "requester_id",
                       "sharer_id", "user_id"}, keys


def _leaves(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return [kv for k, v in value.items() for kv in _leaves(v, f"{prefix}.{k}")]
    if isinstance(value, list):
        return [kv for i, v in enumerate(value) for kv in _leaves(v, f"{prefix}.{i}")]
    return [(prefix, value)]


@then(parsers.parse('{name}\'s export never shows "{text}"'))
def never_shows(world: World, name: str, text: str) -> None:
    assert text not in _text(world, name)
