"""Reliability and security drills: each tries something hostile or broken and prints what held.

Run one at full size with ``python -m drills.<name> --help``; tests/drills runs them bounded.
"""
