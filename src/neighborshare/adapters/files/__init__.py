"""Adapters backed by the local file system."""
