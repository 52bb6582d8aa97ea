"""`neighborshare chat`: talk to the real bot in this terminal, no token and no services."""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import click

from neighborshare.adapters.memory.outside import FixedClock
from neighborshare.entrypoints.bot.chat_profile import chat_container
from neighborshare.entrypoints.bot.offline_bot import OfflineBot
from neighborshare.entrypoints.bot.script import ScriptError, ScriptRunner, parse

SCRIPT_START = "10:00"
PROMPT_HELP = (
    "Type '@name TEXT' to speak as a neighbor (later lines keep the last speaker), "
    "#group TEXT, #group <inline WORDS>, <contact>, <location LAT LON>, <photo>, "
    "<tap LABEL>, <language de>, "
    "<wait 30m>. "
    "Ctrl-D quits."
)


@click.command()
@click.option("--script", "script_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Read the lines from FILE and print the transcript.")
@click.option("--db", "db_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("neighborshare.db"), show_default=True, help="SQLite database.")
@click.option("--fresh", is_flag=True, help="Start from an empty database.")
@click.option("--memory", is_flag=True, help="Keep everything in memory (no database file).")
@click.option("--start", "start_at", metavar="HH:MM",
              help="Local time the clock starts at today (default: now; 10:00 with --script, "
                   "so a script reads the same at any hour).")
def chat(
    script_path: Path | None, db_path: Path, fresh: bool, memory: bool, start_at: str | None
) -> None:
    """Talk to the bot in this terminal as one or more neighbors.

    \b
    Lines (typed, or read from --script FILE):
      @alice TEXT             alice sends TEXT (commands too)
      @alice <contact>        alice shares her own contact (<contact +15551234567>)
      @alice <location LAT LON>
      @alice <photo PATH>     or <photo> for a sample picture
      @alice <tap LABEL>      press a button on her newest message that has it; a
                              deep link into the bot (a card's Request) opens her
                              private chat with it, as Telegram does ("/start post_1")
      @alice <language de>    her Telegram app speaks German from now on (its
                              language_code: en, de, es, uk are shipped; <language>
                              alone: none)
      @alice #hall TEXT       alice writes TEXT in the supergroup "hall" (made on
                              first use; whoever speaks there is a member); also
                              <photo>, <location ...>, <tap LABEL> there. The bot's
                              messages in it print as "bot > #hall:"
      @alice #hall <reply TEXT>
                              alice sends TEXT as a reply to her latest message
                              there: "@tom #hall <location 51.5118 -0.1228>" then
                              "@tom #hall <reply /linkgroup 800 en>" links the
                              group (Tom made it, so he is its admin)
      @alice #hall <inline WORDS>
                              alice types "@NeighborShareBot WORDS" in "hall" and
                              chooses the first result: the card is posted there
                              ("alice via bot > #hall:") and kept true as the dish
                              changes ("(edited)"); <inline> alone offers her own
                              dishes, and without #hall it goes to her private chat
      <wait 30m>              let time pass (s, m, h, d); due jobs run
      # comment
    """
    container = chat_container(db_path, fresh=fresh, memory=memory)
    lines = script_path.read_text(encoding="utf-8").splitlines() if script_path else None
    if start_at is None and lines is not None:
        start_at = SCRIPT_START
    start = _start(start_at, container.rules().time_zone)
    failure = asyncio.run(_converse(container, lines, start))
    if failure:
        raise click.ClickException(failure)


def _start(start_at: str | None, time_zone: str) -> datetime:
    """The clock's first reading: now, or today's ``HH:MM`` in the community's time zone."""
    now = datetime.now(UTC).replace(microsecond=0)
    if start_at is None:
        return now
    try:
        clock = time.fromisoformat(start_at)
    except ValueError:
        raise click.BadParameter("use HH:MM, e.g. 10:00", param_hint="--start") from None
    local = now.astimezone(ZoneInfo(time_zone))
    return datetime.combine(local.date(), clock, tzinfo=local.tzinfo).astimezone(UTC)


async def _converse(container: Any, lines: list[str] | None, start: datetime) -> str | None:
    bot = OfflineBot(container, FixedClock(start))
    await bot.start()
    runner = ScriptRunner(bot, lambda text: click.echo(text), echo_inputs=lines is not None)
    try:
        if lines is not None:
            return await _run_script(runner, lines)
        await _interactive(runner)
        return None
    finally:
        runner.close()
        await bot.stop()


async def _run_script(runner: ScriptRunner, lines: list[str]) -> str | None:
    for number, text in enumerate(lines, start=1):
        try:
            line = parse(text)
            if line is not None:
                await runner.run(line)
        except ScriptError as error:
            return f"line {number}: {error}\n  {text.strip()}"
    return None


async def _interactive(runner: ScriptRunner) -> None:
    click.echo(PROMPT_HELP)
    speaker: str | None = None
    while True:
        text = await asyncio.to_thread(_read, speaker)
        if text is None:
            return
        try:
            line = parse(text, speaker)
            if line is not None:
                speaker = line.speaker or speaker
                await runner.run(line)
        except ScriptError as error:
            click.echo(f"! {error}", err=True)


def _read(speaker: str | None) -> str | None:
    sys.stdout.write(f"{speaker or '@name'} > ")
    sys.stdout.flush()
    text = sys.stdin.readline()
    return text if text else None
