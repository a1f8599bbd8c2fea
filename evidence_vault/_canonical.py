# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

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


def _no_float(text: str):
    """A JSON parse hook that refuses floats, NaN and Infinity."""
    raise ValueError(f"canonical JSON carries no floats (found {text[:20]})")


_DECODER = json.JSONDecoder(parse_float=_no_float, parse_constant=_no_float)
_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def parse_without_floats(raw: bytes) -> Any:
    """Parse UTF-8 JSON, refusing floats, NaN and Infinity (ValueError), without proving it
    canonical (see ``Event.decode`` for when that is enough)."""
    return _DECODER.decode(raw.decode("utf-8"))


def parse_canonical(raw: bytes) -> Any:
    """Parse bytes that must be canonical JSON; ValueError unless they are exactly what
    ``canonical_json`` makes of their value. Floats (and NaN/Infinity) are refused while parsing
    and parsed keys are always strings, so the re-encoding to compare needs no second walk
    (reading a 10,000-event ledger is this function 10,000 times)."""
    value = parse_without_floats(raw)
    if _ENCODER.encode(value).encode("utf-8") != raw:
        raise ValueError("not canonical JSON")
    return value
