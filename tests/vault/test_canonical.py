# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Canonical JSON parsing: the strict parse verify and bundles use, and the float-free parse
the open vault's ledger replay uses (Event.decode(canonical=False))."""

from __future__ import annotations

import pytest

from evidence_vault._canonical import canonical_json, parse_canonical, parse_without_floats
from evidence_vault.vault.ledger import Event

GOOD = canonical_json({"b": [1, "é", None, True], "a": {"z": 0}})


def test_canonical_bytes_round_trip():
    assert GOOD == '{"a":{"z":0},"b":[1,"é",null,true]}'.encode()
    assert parse_canonical(GOOD) == {"a": {"z": 0}, "b": [1, "é", None, True]}


@pytest.mark.parametrize("raw", [
    b'{"b":1,"a":2}',            # keys out of order
    b'{"a": 1}',                 # white space
    b'{"a":1,"a":2}',            # a duplicate key
    b'{"a":"\\u00e9"}',          # escaped where UTF-8 is canonical
    b'{"a":1.0}', b'{"a":1e3}',  # floats
    b'{"a":NaN}', b'{"a":Infinity}',
    b'\xef\xbb\xbf{"a":1}',     # a byte-order mark
    b'{"a":"\xff"}',             # not UTF-8
])
def test_anything_but_the_one_encoding_is_refused(raw):
    with pytest.raises(ValueError):
        parse_canonical(raw)


@pytest.mark.parametrize("raw", [b'{"a":1.5}', b'{"a":-Infinity}', b'{"a":NaN}'])
def test_the_replay_parse_still_refuses_floats(raw):
    with pytest.raises(ValueError):
        parse_without_floats(raw)


def test_event_decode_without_the_canonical_proof_reads_the_same_event():
    event = Event.decode(Event(1, "vault_created", "2026-12-01T10:00:00Z", {"x": 1}, [], "0" * 32, 2).encode())
    loose = Event.decode(b'{"v":2, "seq":1,"type":"vault_created","at":"2026-12-01T10:00:00Z",'
                         b'"data":{"x":1},"artefacts":[],"salt":"' + b"0" * 32 + b'"}', canonical=False)
    assert loose == event
    with pytest.raises(ValueError):
        Event.decode(loose.encode().replace(b'"seq":1', b'"seq":1 '))
