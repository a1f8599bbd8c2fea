"""Canonical JSON: the one byte encoding that event hashes and signatures are computed over.

Two encoders that disagree on spacing or key order would make a sound ledger look tampered,
so every hash in the vault goes through ``canonical_json``: keys sorted, no insignificant
white space, UTF-8, no floats (times are ISO strings, sizes are integers) so that no number
formatting can differ between implementations.
"""

from __future__ import annotations

import json
from typing import Any


def _reject_floats(value: Any) -> None:
    if isinstance(value, float):
        raise TypeError("canonical JSON carries no floats; use an integer or a string")
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError("canonical JSON object keys must be strings")
            _reject_floats(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _reject_floats(item)


def canonical_json(value: Any) -> bytes:
    """Encode ``value`` as canonical JSON bytes (sorted keys, compact, UTF-8, no floats)."""
    _reject_floats(value)
    return json.dumps(
        value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
