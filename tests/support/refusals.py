"""Asserting a refusal by what the neighbor reads (in English), not by its code."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from neighborshare.domain.errors import NeighborShareError
from neighborshare.presentation.refusals import explain


@contextmanager
def refused(kind: type[NeighborShareError], match: str) -> Iterator[pytest.ExceptionInfo]:
    """Like ``pytest.raises(kind, match=...)``, matching the refusal's English wording."""
    with pytest.raises(kind) as caught:
        yield caught
    told = explain(caught.value)
    assert re.search(match, told), f"told {told!r}, expected {match!r}"
