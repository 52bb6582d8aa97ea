"""Community groups: an admin links a Telegram group to a place, a radius and a language
(whether they are an admin, Telegram tells the entrypoint); new dishes in range are then
announced there, a few a day, outside quiet hours. A moderator sees them all and may unlink
one (audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from neighborshare.domain.errors import NotFound
from neighborshare.domain.groups import CommunityGroup, group_radius
from neighborshare.domain.posts import FoodPost
from neighborshare.domain.records import GROUP_ANNOUNCEMENT, AuditEntry, OutboxMessage
from neighborshare.domain.rules import Rules
from neighborshare.domain.values import Location, rounded_distance
from neighborshare.ports.services import Clock
from neighborshare.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory
from neighborshare.services.common import moderator_or_refuse
from neighborshare.services.locations import LocationService
from neighborshare.services.transactions import in_transaction, read_only


@dataclass(frozen=True, slots=True)
class GroupLink:
    """What an admin asked for with /linkgroup."""

    chat_id: int
    title: str
    location: Location
    radius_m: int
    language: str
    admin_id: int  # the admin's Telegram id


class CommunityService:
    def __init__(self, uow_factory: UnitOfWorkFactory, clock: Clock, rules: Rules,
                 locations: LocationService) -> None:
        self._uow = uow_factory
        self._clock = clock
        self._rules = rules
        self._locations = locations

    def link(self, link: GroupLink) -> CommunityGroup:
        """Link the group (or change its link): the place must lie in the service area and the
        radius within the community's bounds. Today's announcements still count."""
        radius = group_radius(link.radius_m, self._rules)
        self._locations.ensure_in_area(link.location)
        now = self._clock.now()

        def work(uow: UnitOfWork) -> CommunityGroup:
            before = uow.groups.get_for_update(link.chat_id)
            group = CommunityGroup(link.chat_id, link.title[:255], link.location, radius,
                                   link.language, link.admin_id, now)
            if before is not None:
                group.announced_on = before.announced_on
                group.announced_that_day = before.announced_that_day
            uow.groups.save(group)
            return group

        return in_transaction(self._uow, work)

    def unlink(self, chat_id: int) -> bool:
        """An admin's /unlinkgroup, or the bot removed from the group; False if not linked."""
        return in_transaction(self._uow, lambda uow: uow.groups.remove(chat_id))

    def move(self, old_chat_id: int, new_chat_id: int) -> bool:
        """The group was upgraded to a supergroup (a new chat id): its link follows it."""

        def work(uow: UnitOfWork) -> bool:
            group = uow.groups.get_for_update(old_chat_id)
            if group is None or uow.groups.get(new_chat_id) is not None:
                return False
            uow.groups.remove(old_chat_id)
            group.chat_id = new_chat_id
            uow.groups.save(group)
            return True

        return in_transaction(self._uow, work)

    def get(self, chat_id: int) -> CommunityGroup | None:
        return read_only(self._uow, lambda uow: uow.groups.get(chat_id))

    def linked(self) -> list[CommunityGroup]:
        return read_only(self._uow, lambda uow: uow.groups.all())

    def unlink_by_moderator(self, moderator_id: int, chat_id: int, reason: str) -> CommunityGroup:
        """A moderator unlinks a group, with a reason, written to the audit log."""
        now = self._clock.now()

        def work(uow: UnitOfWork) -> CommunityGroup:
            moderator_or_refuse(uow, moderator_id)
            group = uow.groups.get_for_update(chat_id)
            if group is None:
                raise NotFound("group_not_linked")
            uow.groups.remove(chat_id)
            uow.audit.add(AuditEntry(moderator_id, "unlink-group", "group", chat_id, reason, now,
                                     {"title": group.title}))
            return group

        return in_transaction(self._uow, work)


def announce_in_groups(uow: UnitOfWork, post: FoodPost, rules: Rules, now: datetime) -> int:
    """Queue ``post``'s announcement in each linked group whose circle holds it, outside
    quiet hours and under each group's daily cap; how many. In the caller's transaction."""
    local_now = now.astimezone(ZoneInfo(rules.time_zone))
    queued = 0
    for found in uow.groups.covering(post.location):
        group = uow.groups.get_for_update(found.chat_id)
        if group is None or not group.may_announce(local_now, rules):
            continue
        payload = {"post_id": post.id, "chat_id": group.chat_id, "language": group.language,
                   "distance": rounded_distance(group.location.distance_m(post.location))}
        message = OutboxMessage(post.sharer_id, GROUP_ANNOUNCEMENT, payload,
                                f"post:{post.id}:group:{group.chat_id}", now, now)
        if uow.outbox.add(message):
            group.count_announcement(local_now.date())
            uow.groups.save(group)
            queued += 1
    return queued
