"""Behaviour scenarios (pytest-bdd) run against the services."""
