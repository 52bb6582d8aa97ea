"""Image adapters: checking and re-encoding neighbors' photos."""
