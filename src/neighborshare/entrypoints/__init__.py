"""Entrypoints: the bot, the worker, the CLI and the webhook app adapt the outside to services."""
