"""Credits as a neighbor sees them: balances that always equal their ledger."""

from __future__ import annotations

from pytest_bdd import given, parsers, then

from neighborshare.domain.credits import adjustment
from neighborshare.services.ledger import record
from tests.bdd.world import World


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
