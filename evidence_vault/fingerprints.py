# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The sender's code: how people compare the certificate that sealed a bundle, by phone.

A bundle is trusted as the sender's only when the recipient compares the certificate that
sealed it with what the sender tells them over another channel. 64 hex characters are too long
to read out, so people compare a short code: the first 100 bits of the certificate's SHA-256
in Crockford's base32, as four groups of five characters (``7KQ2M XW4TD 9G1HB CR3ZA``). The
same code is printed on the cover, shown by the app (Settings, "Check a bundle I received")
and by ``verify-bundle``; the full SHA-256 stays in the bundle for experts, and the short code
can be worked out from it by hand (docs/bundle-format.md, "The sender's code", which also says
why 100 bits and why base32).

Reading a code back is forgiving where people err (case, spaces, hyphens, O for 0, I or L for
1) and strict where it matters: the whole code is compared, never a part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import UsageError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
SHORT_BITS = 100
GROUPS, GROUP_LEN = 4, 5
_ALIASES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_HEX64 = re.compile(r"[0-9a-f]{64}")


def short_code(sha256_hex: str) -> str:
    """'7KQ2M XW4TD 9G1HB CR3ZA': the code people read out, from a certificate's SHA-256 (hex)."""
    clean = _hex(sha256_hex)
    if clean is None:
        raise ValueError("a certificate fingerprint is 64 hexadecimal digits")
    bits = int(clean, 16) >> (256 - SHORT_BITS)
    chars = [ALPHABET[(bits >> (5 * i)) & 31] for i in reversed(range(SHORT_BITS // 5))]
    return " ".join("".join(chars[g * GROUP_LEN:(g + 1) * GROUP_LEN]) for g in range(GROUPS))


def spaced(fingerprint: str) -> str:
    """Upper-case hex in groups of four ('AB12 CD34 …'), for the full SHA-256."""
    clean = fingerprint.replace(":", "").replace(" ", "").upper()
    return " ".join(clean[i:i + 4] for i in range(0, len(clean), 4))


@dataclass(frozen=True)
class Fingerprint:
    """A signing certificate's fingerprint, both ways people see it."""

    sha256: str  # lowercase hex of the DER certificate

    @property
    def code(self) -> str:
        return short_code(self.sha256)

    @property
    def full(self) -> str:
        return spaced(self.sha256)


def parse_expected(text: str) -> tuple[str, str]:
    """What a recipient typed as the sender's code: ('code', 'XXXXX…') or ('sha256', hex).

    UsageError (with what a code looks like) for anything else: a part of a code is not a code."""
    raw = str(text or "")
    compact = re.sub(r"[\s:\-]", "", raw).upper()
    if _hex(compact) is not None:
        return "sha256", compact.lower()
    code = compact.translate(_ALIASES)
    if len(code) == GROUPS * GROUP_LEN and all(ch in ALPHABET for ch in code):
        return "code", code
    raise UsageError(
        "The sender's code is 20 letters and digits in four groups of five, like 7KQ2M XW4TD 9G1HB "
        f"CR3ZA (or the full 64-character SHA-256 fingerprint); '{raw.strip()[:40]}' is neither. "
        "Ask the sender to read it again from their export or from the app's Settings.")


def matches(expected: str, sha256_hex: str) -> bool:
    """Whether the code (or full SHA-256) a person typed is this certificate's, in full."""
    kind, value = parse_expected(expected)
    if kind == "sha256":
        return value == _hex(sha256_hex)
    return value == short_code(sha256_hex).replace(" ", "")


def vault_fingerprint(vault) -> Fingerprint:
    """The fingerprint of the certificate this vault seals bundles with (made and kept in the
    vault on first use, so it is the same before and after the first export): what the app
    shows in Settings / "About this vault" and the sender reads out."""
    from .bundle.certificate import vault_signer  # cryptography only; no pyHanko
    return Fingerprint(vault_signer(vault).fingerprint)


def _hex(text: str) -> str | None:
    clean = str(text).replace(":", "").replace(" ", "").lower()
    return clean if _HEX64.fullmatch(clean) else None


__all__ = ["short_code", "spaced", "Fingerprint", "parse_expected", "matches", "vault_fingerprint"]
