"""Sharing a dish and browsing what neighbors nearby share."""

from __future__ import annotations

from dataclasses import dataclass

from neighborshare.domain.errors import InvalidInput
from neighborshare.domain.posts import FoodPost, clean_food_name
from neighborshare.domain.ratings import RatingSummary
from neighborshare.domain.records import ChatCard
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User
from neighborshare.domain.values import (
    Allergen,
    DietTag,
    Location,
    PickupWindow,
    rounded_distance,
)
from neighborshare.ports.queries import NearbyPost, NearbyQuery
from neighborshare.ports.services import Clock, TaskQueue
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import post_or_refuse, user_or_refuse
from neighborshare.services.notifications import announce_new_post
from neighborshare.services.transactions import in_transaction, read_only

NO_RATINGS = RatingSummary(0, None)
INLINE_SCAN = 200  # nearest open dishes searched for the words typed after @Bot


@dataclass(frozen=True, slots=True)
class Dish:
    """What a neighbor filled in on /share."""

    name: str
    portions: int
    window: PickupWindow
    allergens: frozenset[Allergen] = frozenset()
    diet_tags: frozenset[DietTag] = frozenset()
    description: str = ""
    photo_ref: str | None = None
    photo_file_id: str | None = None


@dataclass(frozen=True, slots=True)
class PostCard:
    post: FoodPost
    distance: int  # coarse metres (domain.values.rounded_distance)
    sharer_name: str
    sharer_rating: RatingSummary | None  # None until enough ratings are in


@dataclass(frozen=True, slots=True)
class BrowsePage:
    cards: tuple[PostCard, ...]
    page: int
    has_more: bool


@dataclass(frozen=True, slots=True)
class DishMap:
    """Dishes nearby as cards, the viewer's own available dishes apart, the viewer's (exact)
    location, and the ids of shown dishes that conflict with their diet (only with show all)."""

    cards: tuple[PostCard, ...]
    own: tuple[FoodPost, ...]
    origin: Location
    conflicts: frozenset[int]


class FoodService:
    def __init__(
        self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules, tasks: TaskQueue
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._tasks = tasks

    def check_dish(self, name: str, portions: int, window: PickupWindow | None = None) -> str:
        """Validate a dish's parts as they are typed, before anything is stored."""
        rules = self._rules
        cleaned = clean_food_name(name, rules.max_food_name_length)
        if not 1 <= portions <= rules.max_portions_per_post:
            raise InvalidInput("portions_to_share", maximum=rules.max_portions_per_post)
        if window is not None:
            window.check_new(self._clock.now(), rules.window_grace, rules.window_horizon)
        return cleaned

    def share(self, sharer_id: int, dish: Dish) -> FoodPost:
        name = self.check_dish(dish.name, dish.portions, dish.window)
        post = in_transaction(self._uow, lambda uow: self._share(uow, sharer_id, dish, name))
        self._tasks.enqueue("drain_outbox")
        return post

    def _share(self, uow: UnitOfWork, sharer_id: int, dish: Dish, name: str) -> FoodPost:
        now = self._clock.now()
        sharer = user_or_refuse(uow, sharer_id)
        sharer.ensure_can_transact(now)
        post = uow.posts.add(
            FoodPost(
                sharer_id=sharer_id,
                name=name,
                portions=dish.portions,
                window=dish.window,
                location=sharer.location.snapped(self._rules.privacy_grid_m),
                created_at=now,
                allergens=dish.allergens,
                diet_tags=dish.diet_tags,
                description=dish.description.strip()[: self._rules.max_description_length],
                photo_ref=dish.photo_ref,
                photo_file_id=dish.photo_file_id,
            )
        )
        announce_new_post(uow, post, now)  # the drain alerts the neighbors in range
        return post

    def browse(self, viewer_id: int, page: int = 0, show_all: bool = False) -> BrowsePage:
        """Nearest first, own posts excluded, conflicts hidden unless ``show_all``."""
        return read_only(
            self._uow, lambda uow: self._browse(uow, viewer_id, max(0, page), show_all)
        )

    def _browse(self, uow: UnitOfWork, viewer_id: int, page: int, show_all: bool) -> BrowsePage:
        viewer = user_or_refuse(uow, viewer_id)
        size = self._rules.browse_page_size
        found = self._nearby(uow, viewer, show_all, limit=size + 1, offset=page * size)
        return BrowsePage(self._cards(uow, found[:size]), page, len(found) > size)

    def dish_map(self, viewer_id: int, show_all: bool = False) -> DishMap:
        """The Mini App's map: the same dishes as /browse (all at once, up to
        ``map_max_dishes``), the neighbor's own apart, and which shown dishes conflict."""

        def work(uow: UnitOfWork) -> DishMap:
            viewer = user_or_refuse(uow, viewer_id)
            found = self._nearby(uow, viewer, show_all, self._rules.map_max_dishes, 0)
            now = self._clock.now()
            own = tuple(p for p in uow.posts.by_sharer(viewer_id) if p.is_available(now))
            conflicts = frozenset(
                item.post.id or 0 for item in found
                if viewer.conflicts_with(item.post.allergens, item.post.diet_tags,
                                         item.post.searchable_text())
            )
            return DishMap(self._cards(uow, found), own, viewer.location, conflicts)

        return read_only(self._uow, work)

    def _nearby(
        self, uow: UnitOfWork, viewer: User, show_all: bool, limit: int, offset: int
    ) -> list[NearbyPost]:
        query = NearbyQuery(
            origin=viewer.location,
            radius_m=self._rules.browse_radius_m,
            now=self._clock.now(),
            exclude_sharer_id=viewer.id,
            excluded_allergens=frozenset() if show_all else viewer.allergies,
            required_diet_tags=frozenset() if show_all else viewer.diet_restrictions,
            excluded_terms=() if show_all else viewer.custom_allergy_terms(),
            limit=limit,
            offset=offset,
        )
        return uow.posts.nearby(query)

    def _cards(self, uow: UnitOfWork, shown: list[NearbyPost]) -> tuple[PostCard, ...]:
        sharer_ids = [item.post.sharer_id for item in shown]
        ratings = uow.ratings.summaries(sharer_ids)
        uow.users.get_many(sharer_ids)  # one read; _card finds each sharer already loaded
        return tuple(self._card(uow, item.post, item.distance_m, ratings) for item in shown)

    def card(self, viewer_id: int, post_id: int) -> PostCard:
        def work(uow: UnitOfWork) -> PostCard:
            viewer = user_or_refuse(uow, viewer_id)
            post = post_or_refuse(uow, post_id)
            ratings = uow.ratings.summaries([post.sharer_id])
            return self._card(uow, post, viewer.location.distance_m(post.location), ratings)

        return read_only(self._uow, work)

    def _card(
        self,
        uow: UnitOfWork,
        post: FoodPost,
        distance_m: float,
        ratings: dict[int, RatingSummary],
    ) -> PostCard:
        sharer: User = user_or_refuse(uow, post.sharer_id)
        rating = ratings.get(post.sharer_id, NO_RATINGS).shown(self._rules)
        return PostCard(post, rounded_distance(distance_m), sharer.first_name, rating)

    def to_pass_on(self, telegram_id: int, words: str, limit: int) -> tuple[FoodPost, ...]:
        """What a neighbor may put into a chat (inline mode): their own dishes still open,
        or, with ``words``, open dishes nearby whose name holds every word. Nobody else's
        dishes, and nothing at all for someone not registered."""
        return read_only(self._uow, lambda uow: self._to_pass_on(uow, telegram_id, words, limit))

    def _to_pass_on(
        self, uow: UnitOfWork, telegram_id: int, words: str, limit: int
    ) -> tuple[FoodPost, ...]:
        viewer, now = uow.users.get_by_telegram_id(telegram_id), self._clock.now()
        if viewer is None or viewer.id is None:
            return ()
        wanted = words.casefold().split()
        if not wanted:
            own = [p for p in uow.posts.by_sharer(viewer.id) if p.is_available(now)]
            return tuple(own[:limit])
        query = NearbyQuery(origin=viewer.location, radius_m=self._rules.browse_radius_m,
                            now=now, exclude_sharer_id=None, limit=INLINE_SCAN)
        found = (item.post for item in uow.posts.nearby(query))
        return tuple(p for p in found if all(w in p.name.casefold() for w in wanted))[:limit]

    def keep_card(self, post_id: int, inline_message_id: str, language: str | None = None
                  ) -> bool:
        """A neighbor posted ``post_id``'s card into a chat (in ``language``): remember it,
        to keep it true."""
        now = self._clock.now()

        def work(uow: UnitOfWork) -> bool:
            if uow.posts.get(post_id) is None:
                return False
            return uow.cards.remember(ChatCard(inline_message_id, post_id, language), now)

        return in_transaction(self._uow, work)

    def by_sharer(self, sharer_id: int) -> list[FoodPost]:
        return read_only(self._uow, lambda uow: uow.posts.by_sharer(sharer_id))
