# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fingerprints as people read them: 'AB12 CD34 …', the same on the cover, in the window and
on the command line, because the recipient compares them by phone."""

from __future__ import annotations


def spaced(fingerprint: str) -> str:
    """Upper-case hex in groups of four ('AB12 CD34 …'); colons and spaces are ignored."""
    clean = fingerprint.replace(":", "").replace(" ", "").upper()
    return " ".join(clean[i:i + 4] for i in range(0, len(clean), 4))
