"""The `neighborshare` command: subcommands are imported only when they are run."""

from __future__ import annotations

import importlib
import sys

import click

# name -> "module:attribute"; each module owns its subcommand and its heavy imports.
COMMANDS = {
    "chat": "neighborshare.entrypoints.bot.chat:chat",
    "bot": "neighborshare.entrypoints.webhook.cli:bot",
    "worker": "neighborshare.entrypoints.worker.cli:worker",
    "db": "neighborshare.entrypoints.cli.db:db",
    "reports": "neighborshare.entrypoints.cli.reports:reports",
    "users": "neighborshare.entrypoints.cli.users:users",
    "posts": "neighborshare.entrypoints.cli.posts:posts",
    "groups": "neighborshare.entrypoints.cli.groups:groups",
    "credits": "neighborshare.entrypoints.cli.credits:credits",
    "audit": "neighborshare.entrypoints.cli.audit:audit",
    "stats": "neighborshare.entrypoints.cli.stats:stats",
    "outbox": "neighborshare.entrypoints.cli.outbox:outbox",
    "seed-demo": "neighborshare.entrypoints.cli.seed:seed_demo",
}

HELP = {
    "chat": "Talk to the bot in this terminal (no token, no services).",
    "bot": "Run the Telegram bot (webhook server or --polling).",
    "worker": "Run the background worker (outbox, sweeps, digests).",
    "db": "Create and migrate the database.",
    "reports": "Triage reports from neighbors.",
    "users": "Look up and act on neighbors.",
    "posts": "Look up, hide and unhide food posts.",
    "groups": "Community groups linked to a place; unlink one.",
    "credits": "Balances, history and adjustments.",
    "audit": "The moderators' audit log.",
    "stats": "How the community is doing.",
    "outbox": "Messages waiting for Telegram; retry or drop failed ones.",
    "seed-demo": "Fill the database with a believable demo neighborhood.",
}


class LazyGroup(click.Group):
    """Lists every command without importing any; imports only the one being run."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module_name, attribute = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name and error.name.startswith("neighborshare"):
                return _unavailable(name)
            raise
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, HELP.get(name, "")) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _unavailable(name: str) -> click.Command:
    @click.command(name=name, help=HELP.get(name, ""))
    def missing() -> None:
        raise click.ClickException(f"'{name}' is not available in this build.")

    return missing


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="neighborshare")
def main() -> None:
    """NeighborShare: neighbors sharing home-cooked and surplus food."""


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
