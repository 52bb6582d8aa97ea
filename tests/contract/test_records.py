"""Contract: the audit log, the outbox, conversation sessions and handled updates."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import asdict
from datetime import timedelta, timezone

import pytest

from neighborshare.domain.records import AuditEntry, OutboxMessage, alert_key_prefix
from neighborshare.domain.sessions import ConversationSession
from tests.contract.builders import NOON, add_users

MINUTE = timedelta(minutes=1)


def test_audit_log_is_newest_first(uow_factory):
    with uow_factory() as uow:
        for actor in (1, None, 1):
            uow.audit.add(AuditEntry(actor, "ban", "user", 7, "spam", NOON, {"days": [1, 2]}))
        uow.commit()
    with uow_factory() as uow:
        latest = uow.audit.latest()
        assert [e.actor_id for e in latest] == [1, None, 1]
        assert latest[0].details == {"days": [1, 2]}
        assert latest[0].at == NOON
        assert [e.id for e in uow.audit.latest(actor_id=1, limit=1)] == [latest[0].id]
        uow.audit.add(AuditEntry(1, "hide-post", "post", 7, "unsafe", NOON))
        assert [e.action for e in uow.audit.about("user", 7)] == ["ban"] * 3
        assert [e.id for e in uow.audit.about("user", 7, limit=1)] == [latest[0].id]
        assert [e.action for e in uow.audit.about("post", 7)] == ["hide-post"]
        assert uow.audit.about("user", 8) == []


def _message(recipient, key, available=NOON, kind="alert"):
    return OutboxMessage(recipient, kind, {"name": "Dal <b>"}, key, NOON, available)


def test_outbox_keeps_one_message_per_dedupe_key(uow_factory):
    [neighbor] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        assert uow.outbox.add(_message(neighbor, "k1")) is True
        assert uow.outbox.add(_message(neighbor, "k1")) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.add(_message(neighbor, "k1")) is False
        [kept] = uow.outbox.sent_to(neighbor)
        assert kept.payload == {"name": "Dal <b>"}


def test_outbox_adds_many_at_once(uow_factory):
    a, b, c = add_users(uow_factory, 3)
    with uow_factory() as uow:
        uow.outbox.add(_message(a, "old"))
        batch = [_message(a, "old"), _message(a, "new-a"), _message(b, "new-b")]
        batch.append(_message(b, "new-b2", kind="digest"))
        assert uow.outbox.add_many(batch) == 3  # the repeated dedupe key is skipped
        assert uow.outbox.add_many([]) == 0
        uow.commit()
    with uow_factory() as uow:
        assert sorted(m.dedupe_key for m in uow.outbox.sent_to(a)) == ["new-a", "old"]
        assert sorted(m.dedupe_key for m in uow.outbox.sent_to(b)) == ["new-b", "new-b2"]
        assert uow.outbox.sent_to(c) == []


def test_outbox_finds_a_message_by_its_dedupe_key_sent_or_not(uow_factory):
    [neighbor] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        uow.outbox.add(_message(neighbor, "exchange:1:request_received:2"))
        uow.commit()
    with uow_factory() as uow:
        found = uow.outbox.by_key("exchange:1:request_received:2")
        assert found is not None and found.sent_at is None
        found.sent_at, found.payload["message_id"] = NOON, 77
        uow.outbox.save(found)
        uow.commit()
    with uow_factory() as uow:
        found = uow.outbox.by_key("exchange:1:request_received:2")
        assert found is not None and found.sent_at == NOON
        assert found.payload == {"name": "Dal <b>", "message_id": 77}
        assert uow.outbox.by_key("exchange:9:request_received:2") is None


def test_outbox_tells_which_posts_a_neighbor_was_alerted_to_since_a_moment(uow_factory):
    a, b = add_users(uow_factory, 2)

    def alert(recipient, post_id, at, kind="new_post"):
        key = f"post:{post_id}:alert:{recipient}:{kind}"
        return OutboxMessage(recipient, kind, {"post_id": post_id}, key, at, at)

    with uow_factory() as uow:
        uow.outbox.add_many([alert(a, 1, NOON - 3 * MINUTE), alert(a, 2, NOON),
                             alert(a, 3, NOON, kind="daily_digest"), alert(b, 4, NOON)])
        uow.outbox.add(alert(a, 5, NOON + MINUTE))
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.posts_alerted(a, NOON - MINUTE) == {2, 5}
        assert uow.outbox.posts_alerted(b, NOON + MINUTE) == set()


def test_outbox_finds_every_alert_of_a_post_sent_or_not(uow_factory):
    a, b = add_users(uow_factory, 2)

    def alert(recipient, post_id):
        key = f"{alert_key_prefix(post_id)}{recipient}"
        return OutboxMessage(recipient, "new_post", {"post_id": post_id}, key, NOON, NOON)

    with uow_factory() as uow:
        uow.outbox.add_many([alert(a, 1), alert(b, 1), alert(a, 11), alert(b, 2)])
        uow.outbox.add(OutboxMessage(a, "request_received", {"post_id": 1}, "exchange:1:x:1",
                                     NOON, NOON))
        uow.commit()
    with uow_factory() as uow:
        sent = uow.outbox.alerts_of(1)[0]
        sent.sent_at = NOON
        uow.outbox.save(sent)
        uow.commit()
    with uow_factory() as uow:
        found = uow.outbox.alerts_of(1)
        assert sorted((m.recipient_id, m.payload["post_id"]) for m in found) == sorted(
            [(a, 1), (b, 1)])  # not post 11's, whose key only starts alike, nor other kinds
        assert uow.outbox.alerts_of(3) == []


def test_outbox_messages_added_at_once_read_back_as_they_were_written(uow_factory):
    [neighbor] = add_users(uow_factory, 1)
    paris = timezone(timedelta(hours=1))
    written = [
        OutboxMessage(neighbor, "new_post", {"name": "<b>Soup</b> & bread", "tags": ["vegan"],
                                             "distance": 120, "note": "café ✓", "none": None},
                      "a", NOON + timedelta(microseconds=123456), NOON + 10 * MINUTE),
        OutboxMessage(neighbor, "digest", {}, "b", (NOON + MINUTE).astimezone(paris),
                      NOON + MINUTE, sent_at=NOON + 2 * MINUTE, attempts=3),
    ]
    with uow_factory() as uow:
        assert uow.outbox.add_many(written) == 2
        uow.commit()
    with uow_factory() as uow:
        read = uow.outbox.sent_to(neighbor)
    assert [asdict(m) | {"id": None} for m in read] == [
        asdict(m) | {"id": None} for m in written]  # OutboxMessage compares by identity
    assert all(m.created_at.tzinfo is not None for m in read)


def test_claim_due_backlog_and_marking_sent(uow_factory):
    a, b = add_users(uow_factory, 2)
    with uow_factory() as uow:
        uow.outbox.add(_message(a, "1"))
        uow.outbox.add(_message(b, "2", available=NOON + 10 * MINUTE))
        uow.outbox.add(_message(a, "3", kind="digest"))
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.backlog(NOON) == 2
        due = uow.outbox.claim_due(NOON, limit=5)
        assert [m.dedupe_key for m in due] == ["1", "3"]
        assert [m.dedupe_key for m in uow.outbox.claim_due(NOON, limit=1)] == ["1"]
        due[0].sent_at, due[0].attempts = NOON, 1
        uow.outbox.save(due[0])
        uow.commit()
    with uow_factory() as uow:
        # one class: the earliest due first
        assert [m.dedupe_key for m in uow.outbox.claim_due(NOON + 10 * MINUTE, 5)] == ["3", "2"]
        assert uow.outbox.count_for(a, "alert", NOON) == 1
        assert uow.outbox.count_for(a, "alert", NOON + MINUTE) == 0
        assert uow.outbox.sent_to(a)[0].attempts == 1


def test_claim_due_takes_classes_in_order_then_due_time_and_leaves_failed_rows(uow_factory):
    (a,) = add_users(uow_factory, 1)
    with uow_factory() as uow:
        uow.outbox.add(_message(a, "digest", kind="daily_digest"))
        uow.outbox.add(_message(a, "alert-late", kind="new_post", available=NOON + MINUTE))
        uow.outbox.add(_message(a, "alert", kind="new_post"))
        uow.outbox.add(_message(a, "accepted", kind="request_accepted", available=NOON + MINUTE))
        uow.outbox.add(_message(a, "reply", kind="reply", available=NOON + MINUTE))
        uow.outbox.add(_message(a, "failed", kind="reply"))
        uow.commit()
    with uow_factory() as uow:
        (failed,) = [m for m in uow.outbox.claim_due(NOON, 10) if m.dedupe_key == "failed"]
        failed.failed_at, failed.last_error = NOON, "Message is too long"
        uow.outbox.save(failed)
        uow.commit()
    with uow_factory() as uow:
        due = uow.outbox.claim_due(NOON + MINUTE, 10)
        assert [m.dedupe_key for m in due] == ["reply", "accepted", "alert", "alert-late", "digest"]
        assert uow.outbox.backlog(NOON + MINUTE) == 5
        assert [m.last_error for m in uow.outbox.sent_to(a) if m.failed_at] == [
            "Message is too long"]


def test_sessions_are_saved_replaced_and_expired(uow_factory):
    with uow_factory() as uow:
        chat = ConversationSession.start(5, "share", "name", NOON, 30 * MINUTE)
        chat.advance("portions", NOON + MINUTE, 30 * MINUTE, name="Dal")
        uow.sessions.save(chat)
        uow.sessions.save(ConversationSession.start(6, "report", "why", NOON, MINUTE))
        uow.commit()
    with uow_factory() as uow:
        loaded = uow.sessions.get(5)
        assert (loaded.step, loaded.data, loaded.expires_at) == (
            "portions", {"name": "Dal"}, NOON + 31 * MINUTE,
        )  # fmt: skip
        assert uow.sessions.get(5) is loaded
        loaded.advance("window", NOON + 2 * MINUTE, 30 * MINUTE, portions=3)
        uow.sessions.save(loaded)
        assert uow.sessions.delete_expired(NOON + MINUTE) == 1
        assert uow.sessions.get(6) is None
        uow.commit()
    with uow_factory() as uow:
        assert uow.sessions.get(5).data == {"name": "Dal", "portions": 3}
        uow.sessions.delete(5)
        assert uow.sessions.get(5) is None
        uow.commit()
    with uow_factory() as uow:
        assert uow.sessions.get(5) is None


def test_each_update_is_handled_once(uow_factory):
    with uow_factory() as uow:
        assert uow.updates.record(10, NOON) is True
        assert uow.updates.record(10, NOON) is False
        uow.commit()
    with uow_factory() as uow:
        assert uow.updates.record(10, NOON) is False
        assert uow.updates.record(11, NOON) is True


def test_an_update_recorded_with_its_sender_is_still_handled_once(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        telegram_id = uow.users.get(user_id).telegram_id
        assert uow.updates.record(12, NOON, sender=telegram_id) is True
        uow.commit()
    with uow_factory() as uow:
        assert uow.updates.record(12, NOON, sender=telegram_id) is False
        assert uow.updates.record(12, NOON, sender=None) is False
        assert uow.updates.record(13, NOON, sender=424242) is True  # nobody we know


def test_what_is_read_with_an_update_is_what_the_read_would_find(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        telegram_id = uow.users.get(user_id).telegram_id
        chat = ConversationSession.start(telegram_id, "share", "name", NOON, MINUTE)
        chat.data["name"] = "<b>Soup</b> & bread"
        uow.sessions.save(chat)
        uow.sessions.save(ConversationSession.start(99, "start", "name", NOON, MINUTE))
        uow.commit()
    expected = {}
    for sender in (telegram_id, 99, 98):  # a neighbor in a flow; a chat only; nobody
        with uow_factory() as uow:
            expected[sender] = _described(uow.sessions.get_for_update_with_user(sender))
    for n, sender in enumerate((telegram_id, 99, 98)):
        with uow_factory() as uow:
            assert uow.updates.record(30 + n, NOON, sender=sender) is True
            assert _described(uow.sessions.get_for_update_with_user(sender)) == expected[sender]
            # a second read in the same transaction still answers (from the database or the
            # unit of work's own copies), and after a write, the write
            assert _described(uow.sessions.get_for_update_with_user(sender)) == expected[sender]
            if sender == telegram_id:
                chat = uow.sessions.get(telegram_id)
                chat.advance("allergens", NOON, MINUTE, milk=True)
                uow.sessions.save(chat)
                again, _ = uow.sessions.get_for_update_with_user(telegram_id)
                assert again.step == "allergens" and again.data["milk"] is True
    assert expected[telegram_id][0][:2] == ("share", "name")
    assert expected[telegram_id][1] == user_id
    assert expected[99] == (("start", "name", {}), None)
    assert expected[98] == (None, None)


def _described(read):
    chat, user = read
    return (None if chat is None else (chat.flow, chat.step, dict(chat.data)),
            None if user is None else user.id)


def test_old_update_ids_are_forgotten(uow_factory):
    with uow_factory() as uow:
        uow.updates.record(20, NOON)
        uow.updates.record(21, NOON + 10 * MINUTE)
        uow.commit()
    with uow_factory() as uow:
        assert uow.updates.forget_before(NOON + MINUTE) == 1
        uow.commit()
    with uow_factory() as uow:
        assert uow.updates.record(20, NOON) is True  # forgotten, so new again
        assert uow.updates.record(21, NOON) is False


_update_ids = itertools.count(1000)


def _read_with_an_update(uow, telegram_id):
    assert uow.updates.record(next(_update_ids), NOON, sender=telegram_id)
    return uow.sessions.get_for_update_with_user(telegram_id)[0]


LOCKING_READS = {
    "get_for_update": lambda uow, tid: uow.sessions.get_for_update(tid),
    "with the user": lambda uow, tid: uow.sessions.get_for_update_with_user(tid)[0],
    "with the update's record": _read_with_an_update,
}


@pytest.mark.parametrize("read", LOCKING_READS.values(), ids=LOCKING_READS.keys())
def test_a_locked_session_makes_the_next_update_of_the_chat_wait(uow_factory, read):
    with uow_factory() as uow:
        uow.sessions.save(ConversationSession.start(7, "share", "allergens", NOON, 30 * MINUTE))
        uow.commit()
    locked, seen = threading.Event(), []

    def first_update():
        with uow_factory() as uow:
            chat = read(uow, 7)
            locked.set()
            time.sleep(0.3)  # sequencing only: give the second update time to reach the lock
            chat.advance("allergens", NOON, 30 * MINUTE, milk=True)
            uow.sessions.save(chat)
            uow.commit()

    def second_update():
        locked.wait(5)
        with uow_factory() as uow:
            seen.append(dict(read(uow, 7).data))
            uow.commit()

    threads = [threading.Thread(target=first_update), threading.Thread(target=second_update)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [{"milk": True}]  # it read the chat only after the first update committed


def test_the_conversation_and_the_neighbor_are_read_together(uow_factory):
    [user_id] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        telegram_id = uow.users.get(user_id).telegram_id
        assert uow.sessions.get_for_update_with_user(telegram_id + 1) == (None, None)
        chat, user = uow.sessions.get_for_update_with_user(telegram_id)
        assert chat is None
        assert user.id == user_id
        assert uow.users.get(user_id) is user  # the unit of work's own copy
        uow.sessions.save(ConversationSession.start(telegram_id, "share", "name", NOON, MINUTE))
        uow.sessions.save(ConversationSession.start(99, "start", "name", NOON, MINUTE))
        uow.commit()
    with uow_factory() as uow:
        chat, user = uow.sessions.get_for_update_with_user(telegram_id)
        assert (chat.telegram_id, chat.flow, chat.step, user.id) == (
            telegram_id, "share", "name", user_id,
        )  # fmt: skip
        assert uow.sessions.get(telegram_id) is chat
        assert uow.sessions.get_for_update_with_user(99) == (uow.sessions.get(99), None)
        assert uow.sessions.get(99).flow == "start"  # not onboarded yet: a chat, no neighbor


def test_outbox_counts_what_waits_by_class_and_keeps_the_failed_apart(uow_factory):
    [neighbor] = add_users(uow_factory, 1)
    with uow_factory() as uow:
        for key, kind, available in (("d1", "daily_digest", NOON - 2 * MINUTE),
                                     ("d2", "daily_digest", NOON - MINUTE),
                                     ("d3", "daily_digest", NOON + MINUTE),
                                     ("x1", "request_accepted", NOON),
                                     ("x2", "request_accepted", NOON)):
            uow.outbox.add(_message(neighbor, key, available, kind))
        uow.commit()
    with uow_factory() as uow:
        [refused] = [m for m in uow.outbox.sent_to(neighbor) if m.dedupe_key == "x2"]
        for _ in range(3):
            refused.refused("Bad Request: message is too long", NOON)
        uow.outbox.save(refused)
        uow.commit()
    with uow_factory() as uow:
        assert [(q.send_class, q.queued, q.due, q.oldest_due) for q in uow.outbox.queued(NOON)] == [
            (1, 1, 1, NOON), (3, 3, 2, NOON - 2 * MINUTE)]
        [failed] = uow.outbox.failed(10)
        assert failed.id == refused.id and failed.last_error == "Bad Request: message is too long"
        assert uow.outbox.count_failed() == 1
        assert uow.outbox.get(refused.id).dedupe_key == "x2"
        uow.outbox.delete(refused.id)
        uow.commit()
    with uow_factory() as uow:
        assert uow.outbox.get(refused.id) is None and uow.outbox.count_failed() == 0
