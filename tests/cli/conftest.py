"""A small neighborhood and a CLI runner, on each storage backend the CLI tests cover."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from click.testing import CliRunner, Result

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.container import Container
from neighborshare.domain.records import OutboxMessage
from neighborshare.domain.reports import ReportCategory
from neighborshare.domain.users import Role
from neighborshare.domain.values import Location, PickupWindow
from neighborshare.entrypoints.cli import main
from neighborshare.services.food import Dish
from neighborshare.services.reporting import ReportForm
from neighborshare.services.users import Registration
from tests.cli.backends import BACKENDS, build_container
from tests.support.databases import postgis_url

__all__ = ["postgis_url"]  # the session fixture, for the PostGIS runs

NOW = datetime(2026, 6, 1, 11, 0, tzinfo=UTC)
HOME = Location(51.5074, -0.1278)


@pytest.fixture(params=BACKENDS)
def container(request: pytest.FixtureRequest) -> Iterator[Container]:
    yield from build_container(request.param, FixedClock(NOW), request)


@dataclass
class Neighborhood:
    """Mia and Tom moderate; Tom reported Priya's exchange (soup), then Ana reported her dal."""

    c: Container
    mia: int
    tom: int
    priya: int
    ana: int
    post: int
    exchange: int
    report: int  # Tom's harassment report about the exchange (with a photo)
    safety_report: int  # Ana's food-safety report about the post (hid it)
    soup: int  # the dish of Tom's exchange

    def outbox(self, user_id: int) -> list[OutboxMessage]:
        with self.c.uow_factory()() as uow:
            return list(uow.outbox.sent_to(user_id))

    def kinds(self, user_id: int) -> list[str]:
        return [m.kind for m in self.outbox(user_id)]

    def load(self, table: str, row_id: int) -> Any:
        """A committed row as the services would load it (users, posts, reports...)."""
        with self.c.uow_factory()() as uow:
            return getattr(uow, table).get(row_id)

    def actions(self) -> list[tuple[int | None, str, int]]:
        """(actor, action, target) of the audit log, newest first."""
        with self.c.uow_factory()() as uow:
            return [(a.actor_id, a.action, a.target_id) for a in uow.audit.latest(50)]


def register(c: Container, telegram_id: int, name: str) -> int:
    phone = c.auth().hash(f"+4477009{telegram_id:05d}")
    user = c.users().register(Registration(telegram_id, name, phone, "4B", HOME)).user
    assert user.id is not None
    return user.id


@pytest.fixture
def hood(container: Container) -> Neighborhood:
    c = container
    clock = c.clock()
    mia, tom, priya, ana = (
        register(c, i, n) for i, n in enumerate(("Mia", "Tom", "Priya", "Ana"), 1)
    )
    c.first_moderator().appoint(mia, "founding moderator")
    c.moderation().set_role(mia, tom, Role.MODERATOR, "helps out")
    window = PickupWindow(NOW + timedelta(hours=1), NOW + timedelta(hours=6))
    post = c.food().share(priya, Dish("Dal", 4, window)).id
    # Tom's exchange is for another dish: taking the dal down would cancel an exchange on it
    soup = c.food().share(priya, Dish("Soup", 4, window)).id
    exchange = c.exchanges().request(tom, soup, 2).id
    c.exchanges().accept(priya, exchange)
    photo = c.photo_store().put(b"\xff\xd8evidence", "image/jpeg", "evidence")
    form = ReportForm(
        ReportCategory.HARASSMENT, "Rude at the door", exchange_id=exchange, evidence_ref=photo
    )
    report = c.reporting().report(tom, form).id
    clock.advance(timedelta(hours=1))
    safety = ReportForm(ReportCategory.FOOD_SAFETY, "Smelled off", post_id=post)
    safety_report = c.reporting().report(ana, safety).id
    clock.advance(timedelta(hours=1))
    assert post and exchange and report and safety_report
    return Neighborhood(c, mia, tom, priya, ana, post, exchange, report, safety_report, soup)


@pytest.fixture
def cli(container: Container) -> Any:
    runner = CliRunner()

    def run(*args: object) -> Result:
        result = runner.invoke(main, [str(a) for a in args], obj=container)
        assert "Traceback" not in result.output
        if result.exit_code not in (0, 2):
            assert isinstance(result.exception, SystemExit), result.exception
        return result

    return run
