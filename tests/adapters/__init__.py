"""Adapter tests: each port's contract over its adapters, and each adapter's own failures."""
