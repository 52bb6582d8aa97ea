"""Deleting an account (/deleteaccount, `users erase`), and what is left of it afterwards."""

from __future__ import annotations

from pytest_bdd import parsers, step, then

from neighborshare.domain.users import erased_pseudonym
from tests.bdd.steps.people import sign_up
from tests.bdd.world import World
from tests.support.books import assert_books_balance


@step(parsers.re(r"(?P<name>\w+) (?:deletes|deleted) (?:his|her|their) account"))
def deletes_account(world: World, name: str) -> None:
    erasure = world.container.erasure()
    erased = world.attempt(name, lambda: erasure.erase(world.id(name)))
    if erased is not None:
        world.results[f"erased:{name}"] = erased


@step(parsers.re(r'(?P<moderator>\w+) erases (?P<name>\w+)\'s account because "(?P<why>[^"]*)"'))
def moderator_erases(world: World, moderator: str, name: str, why: str) -> None:
    erasure = world.container.erasure()
    erased = world.attempt(
        moderator, lambda: erasure.erase(world.id(name), world.id(moderator), why))
    if erased is not None:
        world.results[f"erased:{name}"] = erased


@step(parsers.parse("{name} signs up again with the same phone"))
def signs_up_again(world: World, name: str) -> None:
    index = world.telegram[name] - 1000
    phone = world.results.get(f"phone:{name}") or f"+447700900{100 + index:03d}"
    world.results[f"old:{name}"] = world.people[name]
    sign_up(world, name, phone=phone)


@then(parsers.parse("{name}'s profile keeps nothing of them"))
def nothing_kept(world: World, name: str) -> None:
    user = world.user(name)
    assert user.erased_at is not None
    assert user.preferred_name == erased_pseudonym(user.id or 0) != name
    assert (user.apartment, user.custom_allergies, user.phone.last_two) == ("", "", "")
    assert (user.location.latitude, user.location.longitude) == (0.0, 0.0)
    assert user.telegram_id != world.telegram[name]
    assert not (user.reachable or user.notifications_enabled)
    assert world.container.users().find_by_telegram_id(world.telegram[name]) is None
    with world.uow() as uow:
        assert all(r.comment == "" for r in uow.ratings.given_by(user.id or 0))
        for post in uow.posts.by_sharer(user.id or 0, 1000):
            assert (post.photo_ref, post.description, post.location.latitude) == (None, "", 0.0)


@then(parsers.parse('{name}\'s comment "{comment}" is kept'))
def comment_kept(world: World, name: str, comment: str) -> None:
    with world.uow() as uow:
        assert comment in [r.comment for r in uow.ratings.given_by(world.id(name))]


@then("the books balance")
def books_balance(world: World) -> None:
    old = [v for k, v in world.results.items() if k.startswith("old:")]
    with world.uow() as uow:
        assert_books_balance(uow, [*world.people.values(), *old], world.dishes.values())


@then(parsers.parse("{name} is a new neighbor with no welcome bonus"))
def new_without_bonus(world: World, name: str) -> None:
    assert world.people[name] != world.results[f"old:{name}"]
    assert world.results[f"welcome:{name}"] == 0
    assert world.user(name).balance == 0


@step(parsers.parse("the {dish} has a photo"))
def dish_has_photo(world: World, dish: str) -> None:
    ref = world.container.photo_store().put(b"\xff\xd8 a small jpeg", "image/jpeg", "posts")
    with world.uow() as uow:
        post = uow.posts.get_for_update(world.post_id(dish))
        assert post is not None
        post.photo_ref = ref
        uow.posts.save(post)
        uow.commit()
    world.results[f"photo:{dish}"] = ref


@then(parsers.parse("the {dish}'s photo is gone from the photo store"))
def photo_gone(world: World, dish: str) -> None:
    store, ref = world.container.photo_store(), world.results[f"photo:{dish}"]
    try:
        store.get(ref)
    except Exception:  # each store says "no such key" its own way
        return
    raise AssertionError(f"{ref} is still stored")


@then(parsers.parse('no message kept for {name} mentions "{text}"'))
def no_kept_mention(world: World, name: str, text: str) -> None:
    with world.uow() as uow:
        kept = [m.payload for m in uow.outbox.sent_to(world.id(name))]
    assert kept and not any(text in str(payload) for payload in kept), kept


@then(parsers.parse("no message kept for {name} carries a photo"))
def no_kept_photo(world: World, name: str) -> None:
    with world.uow() as uow:
        kept = [m.payload for m in uow.outbox.sent_to(world.id(name))]
    assert kept and not any(payload.get("photo_file_id") for payload in kept), kept
