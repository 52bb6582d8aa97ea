"""Use cases: each orchestrates domain objects through ports inside one unit of work."""
