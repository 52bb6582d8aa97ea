"""Savepoints: one use case inside an update's transaction can fail without undoing the others."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from tests.support.databases import DisposableUowFactory

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


class Refused(Exception):
    """A use case said no after writing something."""


def record_then_refuse(uow: Any, update_id: int) -> None:
    with uow.savepoint():
        assert uow.updates.record(update_id, NOW)
        raise Refused


def record_and_keep(uow: Any, update_id: int) -> None:
    with uow.savepoint():
        assert uow.updates.record(update_id, NOW)


def keep_inner_then_refuse(uow: Any, update_id: int) -> None:
    with uow.savepoint():
        record_and_keep(uow, update_id)  # kept by the inner savepoint...
        raise Refused  # ...and undone with the outer one


def committed(uow_factory: DisposableUowFactory, update_ids: tuple[int, ...]) -> list[bool]:
    """Which of ``update_ids`` a committed transaction recorded."""
    with uow_factory() as uow:
        return [not uow.updates.record(update_id, NOW) for update_id in update_ids]


def test_a_failed_savepoint_undoes_only_its_own_work(uow_factory: DisposableUowFactory) -> None:
    with uow_factory() as uow:
        assert uow.updates.record(1, NOW)
        with pytest.raises(Refused):
            record_then_refuse(uow, 2)
        record_and_keep(uow, 3)
        uow.commit()
    assert committed(uow_factory, (1, 2, 3)) == [True, False, True]


def test_nested_savepoints_roll_back_to_the_right_level(uow_factory: DisposableUowFactory) -> None:
    with uow_factory() as uow:
        with uow.savepoint():
            assert uow.updates.record(10, NOW)
            with pytest.raises(Refused):
                record_then_refuse(uow, 11)
        uow.commit()
    assert committed(uow_factory, (10, 11)) == [True, False]


def test_savepoints_kept_open_still_roll_back_to_the_right_one(
    uow_factory: DisposableUowFactory,
) -> None:
    with uow_factory() as uow:
        record_and_keep(uow, 20)
        with pytest.raises(Refused):  # the same level as the kept one above: only its own work
            record_then_refuse(uow, 21)
        with pytest.raises(Refused):
            keep_inner_then_refuse(uow, 22)
        record_and_keep(uow, 23)
        uow.commit()
    assert committed(uow_factory, (20, 21, 22, 23)) == [True, False, False, True]
