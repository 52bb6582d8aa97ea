"""Privacy drill. A trilateration probe: 500 neighbors at random origins ask the distance to 25
sharers (5 in CI) who live at random spots in ONE grid cell; every origin gets the same answer for
all of them, so no number of origins places a sharer closer than the cell; the region consistent
with every answer is measured. Then a whole exchange through the bot: no message shows another
neighbor's phone number or coordinates, and the apartment only to the accepted requester.

    .venv/bin/python -m drills.privacy --origins 500
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
from pathlib import Path

from tests.support.databases import new_sqlite_database

from drills.botchat import BotChat
from drills.neighborhood import HOME, Neighborhood
from drills.outcome import Outcome
from drills.trilateration import feasible_region, offset, probe, spots_in_cell
from neighborshare.adapters.sql.unit_of_work import sql_uow_factory

COORDINATE = re.compile(r"-?\d{1,3}\.\d{3,}")
PHONE = re.compile(r"\+?\d[\d\s().-]{7,}\d")


def trilateration(outcome: Outcome, origins_count: int, sharers: int = 25) -> None:
    with tempfile.TemporaryDirectory(prefix="ns-privacy-drill-") as folder:
        factory = sql_uow_factory(new_sqlite_database(Path(folder)))
        try:
            _trilateration(outcome, Neighborhood(uow_factory=factory), origins_count, sharers)
        finally:
            factory.dispose()


def _trilateration(outcome: Outcome, hood: Neighborhood, origins_count: int,
                   sharers: int) -> None:
    rng = random.Random(2026)  # noqa: S311 - a repeatable probe, not a secret
    cell = hood.container.rules().privacy_grid_m
    centre = HOME.snapped(cell)
    spots = spots_in_cell(centre, cell, sharers, rng)
    posts = [hood.share(hood.register(n, spot)) for n, spot in enumerate(spots, start=1)]
    origins = [offset(centre, rng.uniform(-900, 900), rng.uniform(-900, 900))
               for _ in range(origins_count)]
    outcome.attempt(f"{origins_count} origins within 900 m ask the distance to {sharers} "
                    f"sharers at random spots inside one {cell:.0f} m grid cell")
    answers = probe(hood, posts, origins)
    outcome.check(f"every origin gets one answer for all {sharers} sharers (indistinguishable)",
                  all(len(set(row)) == 1 for row in answers))
    region = feasible_region(centre, origins, [row[0] for row in answers])
    true_spread = max(s.distance_m(t) for s in spots for t in spots)
    outcome.figure("true spread of the sharers inside the cell", f"{true_spread:.0f} m")
    if region:
        north = max(p[0] for p in region) - min(p[0] for p in region)
        east = max(p[1] for p in region) - min(p[1] for p in region)
        outcome.figure("region consistent with every answer (5 m grid)",
                       f"{north:.0f} m x {east:.0f} m around the cell centre "
                       f"({len(region)} points): the cell is found, not the sharer")
    worst = max(centre.distance_m(s) for s in spots)
    outcome.figure("attacker's best guess (cell centre) off by up to", f"{worst:.0f} m")
    outcome.check("the answers only say which cell: the region holds the cell centre",
                  (0.0, 0.0) in region)


def messages(outcome: Outcome) -> None:
    chat = BotChat()
    homes = {"priya": (51.5115, -0.1235, "4B"), "tom": (51.5121, -0.1220, "7A"),
             "sam": (51.5110, -0.1230, "12C")}
    try:
        for name, (lat, lon, flat) in homes.items():
            chat.onboard(name, lat, lon, flat)
        chat.share("priya", "Red lentil dal", 3)
        chat.lines("""@tom /browse\n@tom <tap Request>\n@tom <tap 2>\n@priya <tap Accept>
            @tom <tap Picked up>\n@sam /browse\n@sam <tap Request>\n@sam <tap 1>
            @tom /mine\n@sam /mine\n@priya /mine\n@sam /browse""")
        outcome.attempt(f"3 neighbors onboard, share, browse, request, accept, pick up: "
                        f"{len(chat.api.sent)} messages scanned")
        scan(outcome, chat, homes)
    finally:
        chat.close()


def scan(outcome: Outcome, chat: BotChat, homes: dict[str, tuple[float, float, str]]) -> None:
    people = {name: chat.neighbors.neighbor(name) for name in homes}
    text = {name: "\n".join(chat.shown_to(name)) for name in homes}
    phones = [p.phone for p in people.values()]
    leaks = [m for m in PHONE.findall("\n".join(text.values()))
             if any(m.replace(" ", "")[-6:] in p for p in phones)]
    outcome.check("no message shows a phone number", not leaks)
    outcome.check("no message shows a coordinate",
                  not COORDINATE.findall("\n".join(text.values())))
    outcome.check("tom, accepted, learns apartment 4B", "4B" in text["tom"])
    outcome.check("sam, still pending, never sees apartment 4B", "4B" not in text["sam"])
    outcome.check("no neighbor sees another's apartment but the accepted requester",
                  "7A" not in text["priya"] + text["sam"]
                  and "12C" not in text["priya"] + text["tom"])


def run(origins: int = 500, sharers: int = 25) -> Outcome:
    outcome = Outcome("privacy")
    trilateration(outcome, origins, sharers)
    messages(outcome)
    return outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=500)
    parser.add_argument("--sharers", type=int, default=25, help="spots inside the cell")
    args = parser.parse_args()
    if not 1 <= args.origins <= 5000 or not 1 <= args.sharers <= 100:
        parser.error("--origins from 1 to 5000, --sharers from 1 to 100")
    run(args.origins, args.sharers).print_and_exit()


if __name__ == "__main__":
    main()
