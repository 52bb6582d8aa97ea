"""Every top-level feature file, one test per scenario and storage backend."""

from pathlib import Path

from pytest_bdd import scenarios

FEATURES = Path(__file__).resolve().parents[2] / "features"

# features/bot/ belongs to the bot's own suite, with its own steps
for feature in sorted(FEATURES.glob("*.feature")):
    scenarios(feature.name)
