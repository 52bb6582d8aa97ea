"""A bot runtime on the memory profile with Priya among its neighbors, for processor tests."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from neighborshare.adapters.telegram.neighbors import Neighbor, OfflineNeighbors
from neighborshare.container import Container, memory_container
from neighborshare.domain.values import Location
from neighborshare.entrypoints.webhook.runtime import build_runtime
from neighborshare.services.users import Registration


@dataclass
class WithPriya:
    container: Container
    runtime: Any
    neighbors: OfflineNeighbors
    priya: Neighbor


def runtime_with_priya(api: Any, onboarded: bool = False,
                       container: Container | None = None) -> WithPriya:
    """The runtime answering through ``api``; ``onboarded``: Priya has already signed up."""
    container = container or memory_container()
    runtime = build_runtime(container, api)
    neighbors = OfflineNeighbors(api, runtime.ptb.bot)
    priya = neighbors.neighbor("priya")
    if onboarded:
        phone = container.auth().hash("+447700900123")
        container.users().register(
            Registration(priya.telegram_id, "Priya", phone, "12", Location(51.5074, -0.1278)))
    return WithPriya(container, runtime, neighbors, priya)
