"""Browsing what is nearby: order, radius, paging, diet filters, cards and the grid."""

from __future__ import annotations

from pytest_bdd import parsers, then, when

from neighborshare.presentation.formatting import distance, rating
from tests.bdd.steps.people import names
from tests.bdd.world import World


@when(
    parsers.re(r"(?P<name>\w+) browses(?: page (?P<page>\d+))?(?P<everything> showing everything)?")
)
def browses(world: World, name: str, page: str | None, everything: str | None) -> None:
    number = int(page or 1) - 1
    world.results["page"] = world.container.food().browse(
        world.id(name), page=number, show_all=bool(everything)
    )


@then(parsers.parse("{name} sees nothing"))
def sees_nothing(world: World, name: str) -> None:
    assert world.results["page"].cards == ()


@then(parsers.re(r"(?P<name>\w+) sees (?!nothing)(?P<dishes>.+)"))
def sees(world: World, name: str, dishes: str) -> None:
    shown = [card.post.name for card in world.results["page"].cards]
    assert shown == names(dishes)


@then(parsers.re(r"there (?P<answer>is another page|are no more pages)"))
def more_pages(world: World, answer: str) -> None:
    assert world.results["page"].has_more is (answer == "is another page")


@then(parsers.parse('the {dish} card shows "{text}"'))
def card_shows(world: World, dish: str, text: str) -> None:
    cards = [c for c in world.results["page"].cards if c.post.name == dish]
    assert cards, f"{dish} is not on the page"
    card = cards[0]
    allergens = ", ".join(sorted(a.value for a in card.post.allergens)) or "none listed"
    shown = (
        f"{card.post.name} · {card.post.portions_left} left · {distance(card.distance)} · "
        f"{card.sharer_name} ({rating(card.sharer_rating)}) · allergens: {allergens}"
    )
    assert text in shown, shown


@then(parsers.parse("the {dish} is placed at the centre of {name}'s grid cell, not at her home"))
def on_the_grid(world: World, dish: str, name: str) -> None:
    home = world.user(name).location
    with world.uow() as uow:
        post = uow.posts.get(world.post_id(dish))
        assert post is not None
    grid = world.container.rules().privacy_grid_m
    assert post.location == home.snapped(grid)
    assert 0 < home.distance_m(post.location) <= grid * 0.75
