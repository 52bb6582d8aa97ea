"""Ports: the Protocols the services need, named by role; adapters implement them."""
