"""Contract: community groups and chat cards, on every backend."""

from __future__ import annotations

from datetime import date, timedelta

from neighborshare.domain.groups import CommunityGroup
from neighborshare.domain.records import ChatCard
from neighborshare.domain.values import Location
from tests.contract.builders import NOON, add_users, committed, post

HALL = Location(51.5118, -0.1228)


def _group(chat_id: int, radius_m: int = 800, at=NOON, where: Location = HALL) -> CommunityGroup:
    return CommunityGroup(chat_id, f"Hall {chat_id}", where, radius_m, "de", 42, at)


def test_a_linked_group_reads_back_as_saved_and_changes_in_place(uow_factory):
    with uow_factory() as uow:
        uow.groups.save(_group(-1001))
        uow.commit()
    with uow_factory() as uow:
        group = uow.groups.get_for_update(-1001)
        assert group is not None
        assert (group.title, group.location, group.radius_m, group.language, group.linked_by,
                group.linked_at) == ("Hall -1001", HALL, 800, "de", 42, NOON)
        group.count_announcement(date(2026, 6, 1))
        group.radius_m = 1200
        uow.groups.save(group)
        uow.commit()
    with uow_factory() as uow:
        again = uow.groups.get(-1001)
        assert again is not None and again.radius_m == 1200
        assert again.announced_today(date(2026, 6, 1)) == 1
        assert again.announced_today(date(2026, 6, 2)) == 0
        assert [g.chat_id for g in uow.groups.all()] == [-1001]


def test_unlinking_removes_the_group_once(uow_factory):
    with uow_factory() as uow:
        uow.groups.save(_group(-1001))
        uow.commit()
    with uow_factory() as uow:
        assert uow.groups.remove(-1001) is True
        assert uow.groups.remove(-1001) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.groups.get(-1001) is None and uow.groups.all() == []


def test_the_groups_covering_a_place_are_those_whose_circle_holds_it(uow_factory):
    far = Location(51.5600, -0.1228)  # about 5 km north
    with uow_factory() as uow:
        uow.groups.save(_group(-1, radius_m=300))
        uow.groups.save(_group(-2, radius_m=3000, at=NOON + timedelta(minutes=1)))
        uow.groups.save(_group(-3, radius_m=3000, where=far))
        uow.commit()
    near = Location(51.5118 + 0.009, -0.1228)  # about 1 km north of the hall
    with uow_factory() as uow:
        assert [g.chat_id for g in uow.groups.covering(HALL)] == [-1, -2]
        assert [g.chat_id for g in uow.groups.covering(near)] == [-2]
        assert uow.groups.covering(Location(48.85, 2.35)) == []


def test_chat_cards_are_kept_once_with_their_language_and_forgotten(uow_factory):
    [sharer] = add_users(uow_factory, 1)
    post_id = committed(uow_factory, lambda uow: uow.posts.add(post(sharer)).id)
    with uow_factory() as uow:
        assert uow.cards.remember(ChatCard("AQ-1", post_id, "uk"), NOON) is True
        assert uow.cards.remember(ChatCard("AQ-1", post_id, "uk"), NOON) is False
        assert uow.cards.remember(ChatCard("AQ-2", post_id), NOON + timedelta(seconds=1))
        uow.commit()
    with uow_factory() as uow:
        assert uow.cards.of_post(post_id) == [ChatCard("AQ-1", post_id, "uk"),
                                              ChatCard("AQ-2", post_id, None)]
        uow.cards.forget("AQ-1")
        uow.commit()
    with uow_factory() as uow:
        assert [c.inline_message_id for c in uow.cards.of_post(post_id)] == ["AQ-2"]


def test_a_groups_card_is_kept_by_chat_and_message_id(uow_factory):
    [sharer] = add_users(uow_factory, 1)
    post_id = committed(uow_factory, lambda uow: uow.posts.add(post(sharer)).id)
    card = ChatCard.in_group(-100123, 42, post_id, "es")
    committed(uow_factory, lambda uow: uow.cards.remember(card, NOON))
    with uow_factory() as uow:
        (kept,) = uow.cards.of_post(post_id)
    assert kept == card and kept.inline_message_id == "-100123:42"
    assert kept.edit_payload() == {"post_id": post_id, "language": "es", "chat_id": -100123,
                                   "message_id": 42}
