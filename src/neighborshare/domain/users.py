"""The neighbor: profile, role, standing and dietary needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from neighborshare.domain.errors import (
    AccountBanned,
    AccountErased,
    AccountSuspended,
    InvalidInput,
)
from neighborshare.domain.values import (
    Allergen,
    DietTag,
    Location,
    PhoneHash,
    diet_tags_satisfy,
)


class Role(StrEnum):
    NEIGHBOR = "neighbor"
    MODERATOR = "moderator"


class UserStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    BANNED = "banned"


MAX_NAME_LENGTH = 40
ERASED_LOCATION = Location(0.0, 0.0)  # no one's home: outside every service area


def erased_pseudonym(user_id: int) -> str:
    return f"erased-{user_id}"

MAX_APARTMENT_LENGTH = 20


def clean_name(raw: str) -> str:
    name = " ".join(raw.split())
    if not name or len(name) > MAX_NAME_LENGTH:
        raise InvalidInput("name_length", maximum=MAX_NAME_LENGTH)
    return name


def clean_apartment(raw: str) -> str:
    apartment = " ".join(raw.split())
    if not apartment or len(apartment) > MAX_APARTMENT_LENGTH:
        raise InvalidInput("apartment_length", maximum=MAX_APARTMENT_LENGTH)
    return apartment


@dataclass(eq=False)
class User:
    telegram_id: int
    preferred_name: str
    phone: PhoneHash
    apartment: str
    location: Location
    created_at: datetime
    diet_restrictions: frozenset[DietTag] = frozenset()
    allergies: frozenset[Allergen] = frozenset()
    custom_allergies: str = ""
    role: Role = Role.NEIGHBOR
    status: UserStatus = UserStatus.ACTIVE
    suspended_until: datetime | None = None
    balance: int = 0
    notifications_enabled: bool = True
    reachable: bool = True
    updated_at: datetime | None = None
    # The neighbor's own settings; None means the community's default (Rules).
    alert_radius_m: int | None = None
    quiet_start_minute: int | None = None
    quiet_end_minute: int | None = None
    language: str | None = None
    # what their Telegram app last said (language_code's primary subtag), for what is sent later
    telegram_language: str | None = None
    daily_digest: bool = True
    weekly_digest: bool = True
    erased_at: datetime | None = None
    id: int | None = field(default=None)

    @property
    def first_name(self) -> str:
        """What others see; empty once erased (presentation says "a former neighbor")."""
        return "" if self.is_erased else self.preferred_name.split(" ")[0]

    @property
    def is_moderator(self) -> bool:
        return self.role is Role.MODERATOR

    def is_suspended(self, now: datetime) -> bool:
        if self.status is not UserStatus.SUSPENDED:
            return False
        return self.suspended_until is None or self.suspended_until > now

    def is_active(self, now: datetime) -> bool:
        return self.status is not UserStatus.BANNED and not self.is_suspended(now)

    def ensure_can_transact(self, now: datetime) -> None:
        """Refuse posting and requesting for a banned, suspended or erased neighbor."""
        if self.is_erased:
            raise AccountErased()
        if self.status is UserStatus.BANNED:
            raise AccountBanned()
        if self.is_suspended(now):
            raise AccountSuspended()

    def suspend(self, until: datetime | None) -> None:
        if self.status is not UserStatus.BANNED:
            self.status = UserStatus.SUSPENDED
            self.suspended_until = until

    def unsuspend(self) -> None:
        self.status = UserStatus.ACTIVE
        self.suspended_until = None

    def ban(self) -> None:
        self.status = UserStatus.BANNED
        self.suspended_until = None

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def erase(self, now: datetime) -> None:
        """Keep the row under a pseudonym, for the ledger's rows and others' history that point
        at it, with nothing that names, reaches or locates the neighbor. The phone's keyed hash
        goes too: the welcome bonus's ledger key holds it, and is what refuses a second bonus."""
        if self.id is None or self.is_erased:
            raise AccountErased()
        self.telegram_id = -self.id  # unique, and never a private chat's id
        self.preferred_name = erased_pseudonym(self.id)
        self.phone = PhoneHash(digest=erased_pseudonym(self.id), last_two="")
        self.apartment = ""
        self.location = ERASED_LOCATION
        self.diet_restrictions, self.allergies, self.custom_allergies = frozenset(), frozenset(), ""
        self.notifications_enabled = self.reachable = False
        self.daily_digest = self.weekly_digest = False
        self.alert_radius_m = self.quiet_start_minute = self.quiet_end_minute = None
        self.language = self.telegram_language = None
        self.erased_at = self.updated_at = now

    def custom_allergy_terms(self) -> tuple[str, ...]:
        terms = (t.strip().lower() for t in self.custom_allergies.replace(";", ",").split(","))
        return tuple(t for t in terms if len(t) >= 3)

    def conflicts_with(
        self, allergens: frozenset[Allergen], diet_tags: frozenset[DietTag], text: str
    ) -> bool:
        """Whether a dish is unsuitable for this neighbor's restrictions or allergies."""
        if allergens & self.allergies:
            return True
        if not diet_tags_satisfy(diet_tags, self.diet_restrictions):
            return True
        lowered = text.lower()
        return any(term in lowered for term in self.custom_allergy_terms())
