#!/usr/bin/env python3

# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Build the bundle test vectors: tests/vectors/bundle/*.pdf and MANIFEST.json.

    .venv/bin/python tests/vectors/make_bundle_vectors.py [OUT_DIR]

Each PDF is tagged with the result any reader of docs/bundle-format.md must reach, age-style:

    "ok"                    every check passes
    "fail: <text>"          one of the failure lines contains <text>

``good.pdf`` is a one-case bundle (one incident-log entry, one small text file) made by
``export_bundle``; the others are edits of it, or small hostile files (tests/bundle/
hostile_files.py). Keys are random, so a rebuild makes new files with the same tags.
docs/bundle-format.md works through ``good.pdf``'s first event and its sender's code by hand.
``good-v1.pdf`` is a format 1 bundle kept from before format 2 (a reader still accepts it); a
rebuild leaves it alone.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from evidence_vault import Vault
from evidence_vault.bundle import export_bundle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bundle"))
import hostile_files as hostile  # noqa: E402


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        vault, _ = Vault.create(tmp / "vault", "vector passphrase", owner_name="Vector Owner", owner_role="Tester")
        with vault:
            case = vault.add_case("Vector case")
            vault.add_incident(case, kind="conversation", text="Said in the corridor: 'we know where you live'.",
                               occurred_at="2026-11-20T10:00:00Z")
            note = tmp / "note.txt"
            note.write_text("A small imported file.\n", encoding="utf-8")
            vault.add_file(case, note, guard=None)
            export_bundle(vault, case, out / "good.pdf", recipient="Vector Recipient")
    good = (out / "good.pdf").read_bytes()
    (out / "appended.pdf").write_bytes(good + b"\n% appended after signing\n")
    flipped = bytearray(good)
    flipped[len(good) // 2] ^= 0x01
    (out / "byte-flipped.pdf").write_bytes(bytes(flipped))
    (out / "truncated.pdf").write_bytes(good[: len(good) // 3])
    (out / "not-a-pdf.pdf").write_bytes(b"PK\x03\x04 this is a zip file\n")
    hostile.long_line_tail(out / "good.pdf", out / "zeros-appended.pdf", 65536, b"\0")
    hostile.changed_padding(out / "good.pdf", out / "padding.pdf")
    hostile.path_names(out / "good.pdf", out / "saved-elsewhere.pdf")
    hostile.shared_name_tree(out / "shared-name-tree.pdf")
    tags = {
        "good.pdf": "ok",
        "good-v1.pdf": "ok",
        "appended.pdf": "fail: byte(s) were appended after the signed part",
        "zeros-appended.pdf": "fail: 65536 byte(s) were appended after the signed part",
        "byte-flipped.pdf": "fail: ",
        "truncated.pdf": "fail: ",
        "not-a-pdf.pdf": "fail: it is not a PDF",
        "padding.pdf": "fail: the padding after the signature value was changed",
        "saved-elsewhere.pdf": "fail: it would be saved as '../evil.txt'",
        "shared-name-tree.pdf": "fail: the list of attached files refers to itself",
    }
    (out / "MANIFEST.json").write_text(json.dumps(tags, indent=2, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent / "bundle")
