"""NeighborShare: neighbors sharing home-cooked and surplus food through a Telegram bot."""

__version__ = "0.1.0"
