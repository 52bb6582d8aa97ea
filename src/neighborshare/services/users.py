"""Onboarding, profile edits and looking neighbors up."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime

from neighborshare.domain import credits
from neighborshare.domain.errors import AccountBanned, NotRegistered, PhoneAlreadyRegistered
from neighborshare.domain.preferences import NeighborSettings, apply_settings
from neighborshare.domain.ratings import RatingSummary, summarize
from neighborshare.domain.rules import Rules
from neighborshare.domain.users import User, UserStatus, clean_apartment, clean_name
from neighborshare.domain.values import Allergen, DietTag, Location, PhoneHash
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.ledger import record
from neighborshare.services.locations import LocationService
from neighborshare.services.transactions import in_transaction, read_only


@dataclass(frozen=True, slots=True)
class Registration:
    """What onboarding collected; the phone is already verified and hashed."""

    telegram_id: int
    preferred_name: str
    phone: PhoneHash
    apartment: str
    location: Location
    diet_restrictions: frozenset[DietTag] = frozenset()
    allergies: frozenset[Allergen] = frozenset()
    custom_allergies: str = ""
    telegram_language: str | None = None


@dataclass(frozen=True, slots=True)
class Onboarded:
    user: User
    welcome_credits: int  # 0 when the profile was edited or the phone had its bonus before
    created: bool = False  # a new neighbor (also one whose phone had its bonus before)


class UserService:
    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        clock: Clock,
        rules: Rules,
        locations: LocationService,
        languages: Collection[str],
    ) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._locations = locations
        self._languages = languages  # those a neighbor may choose: the shipped catalogs

    def register(self, form: Registration) -> Onboarded:
        """Create the neighbor (or update their profile) and grant the welcome bonus once."""
        self._locations.ensure_in_area(form.location)
        form = replace(
            form,
            preferred_name=clean_name(form.preferred_name),
            apartment=clean_apartment(form.apartment),
            custom_allergies=form.custom_allergies.strip()[:200],
        )
        return in_transaction(self._uow, lambda uow: self._register(uow, form))

    def _register(self, uow: UnitOfWork, form: Registration) -> Onboarded:
        now = self._clock.now()
        _refuse_a_taken_or_banned_phone(uow, form.phone.digest, form.telegram_id)
        user = uow.users.get_by_telegram_id(form.telegram_id)
        if user is not None:
            _apply_form(user, form)
            user.updated_at = now
            uow.users.save(user)
            return Onboarded(user, 0)
        user = uow.users.add(_new_user(form, now))
        granted = record(uow, user, credits.welcome_bonus(user, self._rules, now))
        return Onboarded(user, self._rules.welcome_bonus if granted else 0, created=True)

    def update_preferences(
        self,
        telegram_id: int,
        diet_restrictions: frozenset[DietTag] | None = None,
        allergies: frozenset[Allergen] | None = None,
        notifications_enabled: bool | None = None,
    ) -> User:
        def work(uow: UnitOfWork) -> User:
            user = _registered(uow, telegram_id)
            if diet_restrictions is not None:
                user.diet_restrictions = diet_restrictions
            if allergies is not None:
                user.allergies = allergies
            if notifications_enabled is not None:
                user.notifications_enabled = notifications_enabled
            user.updated_at = self._clock.now()
            uow.users.save(user)
            return user

        return in_transaction(self._uow, work)

    def update_settings(self, telegram_id: int, settings: NeighborSettings) -> User:
        """Keep the neighbor's own alert, digest and language settings (/settings); a value
        out of range is refused and nothing changes."""
        settings.checked(self._languages)

        def work(uow: UnitOfWork) -> User:
            user = _registered(uow, telegram_id)
            apply_settings(user, settings)
            user.updated_at = self._clock.now()
            uow.users.save(user)
            return user

        return in_transaction(self._uow, work)

    def set_reachable(self, telegram_id: int, reachable: bool) -> bool:
        """The neighbor blocked the bot (False: no more messages) or unblocked it (True).

        False when nothing changed: not registered, or already so."""

        def work(uow: UnitOfWork) -> bool:
            user = uow.users.get_by_telegram_id(telegram_id)
            if user is None or user.reachable == reachable:
                return False
            user.reachable = reachable
            user.updated_at = self._clock.now()
            uow.users.save(user)
            return True

        return in_transaction(self._uow, work)

    def note_telegram_language(self, telegram_id: int, language: str) -> bool:
        """Keep the language the neighbor's Telegram app speaks (False if nothing changed)."""
        language = language[:16]

        def work(uow: UnitOfWork) -> bool:
            user = uow.users.get_by_telegram_id(telegram_id)
            if user is None or user.telegram_language == language:
                return False
            user.telegram_language = language
            uow.users.save(user)
            return True

        return in_transaction(self._uow, work)

    def ensure_phone_free(self, digest: str, telegram_id: int) -> None:
        """Refuse, as soon as it is given, a number another neighbor registered, or one whose
        account was banned and then erased."""
        read_only(self._uow, lambda uow: _refuse_a_taken_or_banned_phone(uow, digest, telegram_id))

    def profile(self, telegram_id: int) -> User:
        return read_only(self._uow, lambda uow: _registered(uow, telegram_id))

    def find_by_telegram_id(self, telegram_id: int) -> User | None:
        return read_only(self._uow, lambda uow: uow.users.get_by_telegram_id(telegram_id))

    def rating(self, user_id: int) -> RatingSummary:
        return read_only(self._uow, lambda uow: summarize(uow.ratings.received_by(user_id)))


def _registered(uow: UnitOfWork, telegram_id: int) -> User:
    user = uow.users.get_by_telegram_id(telegram_id)
    if user is None:
        raise NotRegistered()
    return user


def _apply_form(user: User, form: Registration) -> None:
    user.preferred_name = form.preferred_name
    user.phone = form.phone
    user.apartment = form.apartment
    user.location = form.location
    user.diet_restrictions = form.diet_restrictions
    user.allergies = form.allergies
    user.custom_allergies = form.custom_allergies
    user.telegram_language = form.telegram_language or user.telegram_language


def _new_user(form: Registration, now: datetime) -> User:
    return User(
        telegram_id=form.telegram_id,
        preferred_name=form.preferred_name,
        phone=form.phone,
        apartment=form.apartment,
        location=form.location,
        created_at=now,
        updated_at=now,
        diet_restrictions=form.diet_restrictions,
        allergies=form.allergies,
        custom_allergies=form.custom_allergies,
        telegram_language=form.telegram_language,
    )


def _refuse_a_taken_or_banned_phone(uow: UnitOfWork, digest: str, telegram_id: int) -> None:
    """Another neighbor's number is refused; so is the number of an account the moderators
    banned, even once erased (its keyed hash lives on in the welcome bonus's ledger key): a
    ban is not undone by deleting the account and signing up again."""
    owner = uow.users.get_by_phone(digest)
    if owner is not None and owner.telegram_id != telegram_id:
        raise PhoneAlreadyRegistered()
    if owner is None:
        former_id = uow.credits.holder_of(credits.welcome_key(digest))
        former = uow.users.get(former_id) if former_id is not None else None
        if former is not None and former.status is UserStatus.BANNED:
            raise AccountBanned()
