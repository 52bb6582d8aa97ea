"""Reports by neighbors about a neighbor, a dish or an exchange."""

from __future__ import annotations

from datetime import timedelta

from pytest_bdd import parsers, step, then

from neighborshare.presentation.labels import CATEGORIES as LABELS
from neighborshare.services.reporting import Reportable, ReportForm
from tests.bdd.steps.ratings import exchange_between
from tests.bdd.world import World

CATEGORIES = {str(label).lower(): c for c, label in LABELS.items()}
_ABOUT = r'(?: for (?P<category>[\w -]+?))(?:: "(?P<text>[^"]*)")?'


def file_report(
    world: World, reporter: str, category: str, text: str | None, **target: int
) -> None:
    form = ReportForm(
        CATEGORIES[category], "Something was wrong." if text is None else text, **target
    )
    service = world.container.reporting()
    report = world.attempt(reporter, lambda: service.report(world.id(reporter), form))
    if report is not None:
        world.reports.append((reporter, report.id or 0))


@step(parsers.re(rf"(?P<reporter>\w+) (?:reports|reported) the (?P<dish>[a-z]\w*){_ABOUT}"))
def reports_post(world: World, reporter: str, dish: str, category: str, text: str | None) -> None:
    file_report(world, reporter, category, text, post_id=world.post_id(dish))


@step(parsers.re(rf"(?P<reporter>\w+) (?:reports|reported) (?P<other>[A-Z]\w*){_ABOUT}"))
def reports_user(world: World, reporter: str, other: str, category: str, text: str | None) -> None:
    file_report(world, reporter, category, text, user_id=world.id(other))


@step(parsers.re(
    rf"(?P<reporter>\w+) (?:reports|reported) the exchange with (?P<other>\w+){_ABOUT}"))
def reports_exchange(
    world: World, reporter: str, other: str, category: str, text: str | None
) -> None:
    exchange_id = exchange_between(world, reporter, other)
    file_report(world, reporter, category, text, exchange_id=exchange_id)


@then(parsers.re(r"(?P<reporter>\w+)'s report is (?P<status>open|in review|resolved|dismissed)"))
def report_status(world: World, reporter: str, status: str) -> None:
    with world.uow() as uow:
        report = uow.reports.get(world.report_id(reporter))
        assert report is not None
    assert report.status.value == status.replace(" ", "_")


@then(parsers.parse("{reporter}'s report is against {name}"))
def report_against(world: World, reporter: str, name: str) -> None:
    with world.uow() as uow:
        report = uow.reports.get(world.report_id(reporter))
        assert report is not None
    assert report.reported_id == world.id(name)


@then(parsers.parse("{name} filed no reports"))
def filed_none(world: World, name: str) -> None:
    with world.uow() as uow:
        assert uow.reports.latest_by_reporter(world.id(name), 10) == []


@then(parsers.parse("an open report against {name} awaits a moderator"))
def awaiting_review(world: World, name: str) -> None:
    with world.uow() as uow:
        found = uow.reports.unhandled_against_since(
            world.id(name), world.clock.now() - timedelta(days=1)
        )
    assert [r.status.value for r in found] == ["open"]


def _label(item: Reportable) -> str:
    if item.exchange_id is not None:
        return f"{item.dish} with {item.other_name}"
    assert item.post_status is not None
    return f"{item.dish} ({item.post_status.value})"


@then(parsers.re(r'(?P<name>\w+) may report (?:"(?P<labels>[^"]*)"|nothing)'))
def may_report(world: World, name: str, labels: str | None) -> None:
    found = world.container.reporting().reportable(world.id(name))
    shown = [_label(item) for item in found]
    assert shown == ([] if labels is None else labels.split(", ")), shown
    apartments = {world.user(other).apartment for other in world.people}
    assert not any(a in label for a in apartments for label in shown), shown


@then(parsers.parse("{reporter}'s report names the {dish}"))
def report_names_dish(world: World, reporter: str, dish: str) -> None:
    with world.uow() as uow:
        report = uow.reports.get(world.report_id(reporter))
        assert report is not None
    assert report.post_id == world.post_id(dish)
