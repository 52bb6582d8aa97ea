"""`neighborshare seed-demo`: a neighborhood with a past, for trying things out."""

from __future__ import annotations

import random
from dataclasses import asdict

import click
from dependency_injector import providers

from neighborshare.entrypoints.cli import output
from neighborshare.entrypoints.cli.common import OperatorCommand, container, json_option
from neighborshare.entrypoints.cli.demo import DEMO_TELEGRAM_BASE, NAMES, RewoundClock, Tally
from neighborshare.entrypoints.cli.demo_builder import DemoBuilder
from neighborshare.settings import Profile


@click.command("seed-demo", cls=OperatorCommand)
@click.option("--neighbors", type=click.IntRange(6, len(NAMES)), default=18, show_default=True)
@click.option("--days", type=click.IntRange(1, 30), default=10, show_default=True)
@click.option("--seed", "seed", type=int, default=2026, help="Same seed, same neighborhood.")
@json_option
def seed_demo(neighbors: int, days: int, seed: int, as_json: bool) -> None:
    """Fill the database with neighbors, posts, exchanges, ratings and reports.

    Everything goes through the real services, day by day over the past --days, so credits,
    ratings, reports and the audit log are consistent. The first neighbor becomes the demo
    moderator when there is no moderator yet. Refused on the production profile.
    """
    c = container()
    if c.settings().profile is Profile.PRODUCTION:
        raise click.ClickException("seed-demo refuses the production profile: it invents people.")
    clock = RewoundClock(c.clock())
    c.clock.override(providers.Object(clock))  # before any service exists, so all use it
    if c.users().find_by_telegram_id(DEMO_TELEGRAM_BASE) is not None:
        raise click.ClickException("The demo neighborhood is already in this database.")
    from rich.progress import Progress

    with Progress(disable=as_json) as progress:
        task = progress.add_task("Seeding the neighborhood", total=neighbors + days + 2)
        builder = DemoBuilder(c, clock, random.Random(seed))  # noqa: S311 - a demo, not a secret
        tally = builder.build(neighbors, days, lambda: progress.advance(task))
    summary = {k: v for k, v in asdict(tally).items() if k != "people"}
    moderator = f" Demo moderator: --as {tally.moderator}." if tally.moderator else ""
    output.done(as_json, summary, _sentence(tally) + moderator)


def _sentence(t: Tally) -> str:
    return (
        f"Seeded {t.neighbors} neighbors, {t.posts} posts, {t.exchanges} exchanges, "
        f"{t.ratings} ratings and {t.reports} reports."
    )
