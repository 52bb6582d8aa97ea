"""Telegram adapters: the offline Bot API, and a Notifier that sends through a PTB bot."""
