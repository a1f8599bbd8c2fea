# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One reader of stored times (times.parse_stored_time): the bundle's pages, the app and the CLI
read a time the vault stored the same way, so a damaged one reads "unknown" everywhere alike."""

from __future__ import annotations

import ast
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from evidence_vault.bundle import timefmt
from evidence_vault.times import parse_stored_time, to_datetime

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stored, expected", [
    ("2026-11-27T16:30:00Z", datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc)),
    ("2026-11-27T16:30:00.123Z", datetime(2026, 11, 27, 16, 30, 0, 123000, tzinfo=timezone.utc)),
    ("2026-06-15T16:30:00+01:00", datetime(2026, 6, 15, 16, 30, tzinfo=timezone(timedelta(hours=1)))),
    ("2026-11-27T16:30:00", datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc)),  # no zone: UTC
    (" 2026-11-27T16:30:00Z\n", datetime(2026, 11, 27, 16, 30, tzinfo=timezone.utc)),
])
def test_a_stored_time_is_read_as_an_aware_datetime(stored, expected):
    when = parse_stored_time(stored)
    assert when == expected and when.utcoffset() == expected.utcoffset()
    assert to_datetime(stored) == expected


@pytest.mark.parametrize("value", [None, "", "yesterday", "2026-13-01T00:00:00Z", 1764259200, b"2026-11-27"])
def test_no_time_or_a_damaged_one_is_none_and_refused_by_the_strict_form(value):
    assert parse_stored_time(value) is None
    with pytest.raises(ValueError):
        to_datetime(value)


def test_the_bundle_reads_stored_times_with_the_same_reader():
    assert timefmt.parse_utc is parse_stored_time
    assert timefmt.local_text("not a time") == "not a time" and timefmt.utc_text(None) == "unknown"


def test_no_other_module_parses_stored_times_by_hand():
    """``datetime.fromisoformat`` belongs to times.py; picture_time.py reads the times a picture's
    own metadata carries, which are not the vault's."""
    allowed = {ROOT / "evidence_vault" / "times.py", ROOT / "evidence_vault" / "picture_time.py"}
    found = []
    for path in [*(ROOT / "evidence_vault").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        if path in allowed:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == "fromisoformat":
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, f"parse stored times with evidence_vault.times.parse_stored_time: {found}"
