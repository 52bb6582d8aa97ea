"""A sharer's own dishes: correcting one (name, description, portions, window, labels) and
withdrawing one, from /mine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from neighborshare.domain.posts import FoodPost, clean_food_name
from neighborshare.domain.rules import Rules
from neighborshare.domain.values import Allergen, DietTag, PickupWindow
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.cards import follow_cards
from neighborshare.services.common import exchange_or_refuse, post_or_refuse
from neighborshare.services.notifications import post_summary
from neighborshare.services.transactions import in_transaction, notify, read_only
from neighborshare.services.withdrawal import withdraw_post


@dataclass(frozen=True, slots=True)
class PostChanges:
    """What the sharer corrects; None leaves a part as it is."""

    name: str | None = None
    description: str | None = None
    portions: int | None = None
    window: PickupWindow | None = None
    allergens: frozenset[Allergen] | None = None
    diet_tags: frozenset[DietTag] | None = None


class PostEditingService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules, tasks: TaskQueue
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks

    def own_post(self, sharer_id: int, post_id: int) -> FoodPost:
        """The dish as it stands, if it is the sharer's and still offered."""

        def work(uow: UnitOfWork) -> FoodPost:
            post = post_or_refuse(uow, post_id)
            post.ensure_changeable(sharer_id, self._clock.now())
            return post

        return read_only(self._uow, work)

    def holders(self, sharer_id: int, post_id: int) -> int:
        """How many open requests (pending or accepted) a withdrawal would cancel."""

        def work(uow: UnitOfWork) -> int:
            post = post_or_refuse(uow, post_id)
            post.ensure_changeable(sharer_id, self._clock.now())
            return sum(e.is_open for e in uow.exchanges.for_post(post_id))

        return read_only(self._uow, work)

    def withdraw(self, sharer_id: int, post_id: int) -> int:
        """Take the dish down; how many requests were cancelled (each requester refunded)."""
        closed = in_transaction(
            self._uow,
            lambda uow: withdraw_post(uow, sharer_id, post_id, self._rules, self._clock.now()),
        )
        self._tasks.enqueue("drain_outbox")
        return len(closed)

    def edit(self, sharer_id: int, post_id: int, changes: PostChanges) -> FoodPost:
        """Correct the dish; a change of allergens, diet tags or pickup window tells every
        neighbor holding portions, who may cancel with a refund."""
        post = in_transaction(self._uow, lambda uow: self._edit(uow, sharer_id, post_id, changes))
        self._tasks.enqueue("drain_outbox")
        return post

    def _edit(
        self, uow: UnitOfWork, sharer_id: int, post_id: int, changes: PostChanges
    ) -> FoodPost:
        now = self._clock.now()
        post = post_or_refuse(uow, post_id, lock=True)
        post.ensure_changeable(sharer_id, now)
        relabelled, moved = self._apply(post, changes, now)
        uow.posts.save(post)
        follow_cards(uow, post, now)  # its cards in chats show the corrected dish
        if relabelled:
            labels = ",".join(sorted(post.allergens)) + "/" + ",".join(sorted(post.diet_tags))
            self._tell_holders(uow, post, "dish_relabelled", labels, now)
        if moved:
            window = f"{post.window.start.isoformat()}/{post.window.end.isoformat()}"
            self._tell_holders(uow, post, "pickup_moved", window, now)
            _remind_again(uow, post)
        return post

    def _apply(self, post: FoodPost, changes: PostChanges, now: datetime) -> tuple[bool, bool]:
        """Make the changes the domain allows; whether the labels changed, and the window."""
        rules = self._rules
        if changes.name is not None:
            post.name = clean_food_name(changes.name, rules.max_food_name_length)
        if changes.description is not None:
            post.description = changes.description.strip()[: rules.max_description_length]
        if changes.portions is not None:
            post.set_portions(changes.portions, rules.max_portions_per_post)
        moved = changes.window is not None and changes.window != post.window
        if changes.window is not None:
            post.move_window(changes.window, now, rules.window_horizon)
        relabelled = post.relabel(
            post.allergens if changes.allergens is None else changes.allergens,
            post.diet_tags if changes.diet_tags is None else changes.diet_tags,
        )
        return relabelled, moved

    @staticmethod
    def _tell_holders(
        uow: UnitOfWork, post: FoodPost, kind: str, change: str, now: datetime
    ) -> None:
        """Tell each neighbor with a pending or accepted request, who may cancel."""
        for exchange in uow.exchanges.for_post(post.id or 0):
            if not exchange.is_open:
                continue
            payload = post_summary(post) | {"exchange_id": exchange.id}
            # one message per change: the key names the moment and what it changed to
            key = f"exchange:{exchange.id}:{kind}:{now.isoformat()}:{change}"
            notify(uow, exchange.requester_id, kind, payload, now, key)


def _remind_again(uow: UnitOfWork, post: FoodPost) -> None:
    """A reminder already sent was for the old window: the new one gets its own."""
    for found in uow.exchanges.for_post(post.id or 0):
        if found.is_open and found.reminded_at is not None and found.id is not None:
            exchange = exchange_or_refuse(uow, found.id, lock=True)
            exchange.reminded_at = None
            uow.exchanges.save(exchange)
