"""Adapters: one folder per technology, each implementing ports."""
