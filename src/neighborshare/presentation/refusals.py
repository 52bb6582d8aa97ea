"""What a refusal says to a neighbor, in their language."""

from __future__ import annotations

from neighborshare.domain.errors import NeighborShareError
from neighborshare.presentation.formatting import esc


def refusal_text(error: NeighborShareError) -> str:
    return esc(error.message)
