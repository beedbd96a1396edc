"""Fixtures of the robustness tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lspwire import Wire


@pytest.fixture
def wire(tmp_path: Path) -> Iterator[Wire]:
    """A started language server in ``tmp_path``, spoken to in raw JSON-RPC; killed at the end."""
    server = Wire(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.kill()
