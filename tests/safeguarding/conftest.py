"""Fixtures of the safeguarding tests; the picture helpers live in synthetic_images.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from synthetic_images import PDQ_VECTORS


@pytest.fixture(scope="session")
def vectors_dir() -> Path:
    """Meta's PDQ reference vectors, read in place from ../shared; skipped where absent."""
    if not (PDQ_VECTORS / "expected.csv").is_file():
        pytest.skip(f"PDQ reference vectors not found at {PDQ_VECTORS} (shared/ is not beside this clone)")
    return PDQ_VECTORS
