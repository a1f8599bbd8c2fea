# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""How much work a bundle may ask of its checker, decided before anything is parsed.

The checker runs on files sent by strangers. Each limit turns a file that would make it scan,
allocate or print without end into one plain finding ("this file is not a bundle we can check"),
and each sits well above what a genuine bundle of the same size needs (docs/bundle-format.md,
"Limits"; bench/verify_hostile_bench.py measures the hostile cases against genuine bundles).
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1 << 20
GiB = 1 << 30


@dataclass(frozen=True)
class VerifyLimits:
    max_file_bytes: int = 64 * GiB
    #: where the end of the PDF (startxref … %%EOF) must be found: within this many bytes of
    #: the end, after any bytes appended to it (those are counted, not parsed)
    max_trailer_line: int = 1024
    max_eof_markers: int = 64          # %%EOF markers tried from the end before giving up
    max_signature_bytes: int = 1 * MiB  # the /Contents of one signature, hex, in the file
    max_attachments: int = 200_000
    max_name_tree_nodes: int = 50_000
    max_name_tree_depth: int = 32
    max_pages: int = 200_000
    #: decoded size of one attached original: our limit, not pyHanko's 256 MiB per stream
    max_attachment_bytes: int = 16 * GiB
    max_manifest_bytes: int = 64 * MiB  # manifest.json and checkpoint.json, decoded
    #: strings, numbers, objects and arrays in the manifest: what parsing it builds (a tiny
    #: object costs ~230 bytes in memory, so this bounds the parse to ~100 MB); a genuine
    #: manifest has ~1 value per listed event hash plus ~10 per item and per event shown
    max_json_values: int = 400_000
    max_events: int = 300_000           # history entries up to the checkpoint (a busy vault: 10,000)
    max_failure_lines: int = 20         # then one line with the count of the rest


DEFAULT_LIMITS = VerifyLimits()


class LimitExceeded(Exception):
    """Raised inside the checker when a file asks for more than its limits; becomes a finding."""


__all__ = ["VerifyLimits", "DEFAULT_LIMITS", "LimitExceeded", "MiB", "GiB"]
