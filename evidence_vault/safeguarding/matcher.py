# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Comparing the hashes of one body with every loaded hash list, fast.

Why this module exists: the guard asks, for every response of a page, "is this on a list?".
MD5, SHA-1 and SHA-256 are exact: a dictionary lookup each. PDQ is a similarity hash: the
question is whether any listed hash is within ``MATCH_THRESHOLD`` (31) differing bits, over
lists of 100,000 hashes and more, for every picture of a page. The PDQ hashes of all lists are
kept as four contiguous ``uint64`` columns, so one query is four XORs and four popcounts
(``np.bitwise_count``, or a byte lookup table on NumPy < 2) over the whole column:
about 0.4 ms for 100,000 hashes.

A picture with PDQ quality below 50 (flat, nearly blank, tiny) hashes much like every other
such picture, so it is never PDQ-matched; its exact hashes still are, and the verdict says
that the similarity check could not be relied on.

A ``Match`` names the list and the kind of hash and gives the distance; it never holds the
hashes or the pixels of the page's pictures (nor the listed hash), so it can be shown and
recorded as it is. ``Matcher.coverage()`` says honestly what the loaded lists can and cannot
recognise, including that nothing is recognised when no list is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np

from . import pdq
from .blocklist import HASH_TYPES, HashList
from .hashing import ExactHashes, ImageHashes, image_hashes

NO_LISTS_MESSAGE = (
    "No hash lists are loaded: Evidence Vault cannot recognise known images; "
    "only your own judgement protects you."
)

_LABELS = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "pdq": "PDQ"}


@dataclass(frozen=True)
class Match:
    """Which list recognised a body, and how. Holds no hash and no pixel."""

    list_name: str
    match_type: str
    distance: int = 0
    frame: int = 0

    def __str__(self) -> str:
        if self.match_type == "pdq":
            return (
                f"looks like a picture on the hash list \u201c{self.list_name}\u201d "
                f"(PDQ similarity: {self.distance} of 256 bits differ)"
            )
        return (
            f"is exactly a file on the hash list \u201c{self.list_name}\u201d "
            f"({_LABELS[self.match_type]})"
        )

    def as_record(self) -> dict[str, object]:
        """The match as plain data for an event record (no hashes in it)."""
        return {"list": self.list_name, "type": self.match_type, "distance": self.distance}


@dataclass(frozen=True)
class Verdict:
    """The full answer about one body: the match, if any, and what could be compared.

    ``pdq_reliable`` counts the PDQ hashes of the body good enough to compare (one per frame
    hashed, plus the EXIF-turned picture); ``pdq_low_quality`` those left out for quality < 50.
    """

    match: Match | None
    pdq_reliable: int = 0
    pdq_low_quality: int = 0
    decoded: bool = False

    @property
    def pdq_unreliable(self) -> bool:
        """Decoded, but no hash of it was good enough to look for similar pictures."""
        return self.decoded and self.pdq_reliable == 0

    @property
    def note(self) -> str | None:
        """A plain sentence about a limit of this check, or ``None``."""
        if self.pdq_unreliable:
            return (
                "This picture has too little detail for a similarity check, so only exact "
                "copies of listed files were looked for."
            )
        return None


class Matcher:
    """All loaded hash lists, ready to be asked about bodies. Immutable, so thread-safe."""

    def __init__(
        self, lists: Iterable[HashList] = (), *, threshold: int = pdq.MATCH_THRESHOLD
    ) -> None:
        self._lists = tuple(lists)
        names = [hl.name for hl in self._lists]
        if len(set(names)) != len(names):
            raise ValueError("two hash lists have the same name")
        if not 0 <= threshold < pdq.PDQ_BITS // 2:
            raise ValueError("the PDQ threshold must be between 0 and 127 bits")
        self.threshold = threshold
        # digest -> index of the first list holding it: filled from the last list to the
        # first, so an earlier list's entry overwrites a later one's (in C, not per digest).
        self._exact: dict[str, dict[bytes, int]] = {kind: {} for kind in HASH_TYPES if kind != "pdq"}
        for index in reversed(range(len(self._lists))):
            for kind, table in self._exact.items():
                table.update(dict.fromkeys(self._lists[index].entries[kind], index))
        pdq_sets = [hl.entries["pdq"] for hl in self._lists]
        self._pdq_owner = np.concatenate(
            [np.full(len(digests), i, dtype=np.int32) for i, digests in enumerate(pdq_sets)]
            or [np.zeros(0, dtype=np.int32)])
        self._pdq_words = _words(b"".join(b"".join(digests) for digests in pdq_sets))

    @classmethod
    def empty(cls) -> "Matcher":
        """A matcher with no list: recognises nothing, and says so in :meth:`coverage`."""
        return cls(())

    @property
    def lists(self) -> tuple[HashList, ...]:
        return self._lists

    @property
    def is_empty(self) -> bool:
        return not self._lists

    @property
    def pdq_count(self) -> int:
        return int(self._pdq_owner.shape[0])

    def coverage(self) -> str:
        """What the loaded lists can recognise, in plain words; never more than is true."""
        if self.is_empty:
            return NO_LISTS_MESSAGE
        plural = "list" if len(self._lists) == 1 else "lists"
        text = (
            f"Pictures are checked against {len(self._lists)} hash {plural}: "
            + "; ".join(hl.describe() for hl in self._lists)
            + ". A list recognises only pictures that are on it"
        )
        if self.pdq_count:
            text += " or look very like one"
        else:
            text += " (none of these lists can recognise altered copies, only exact files)"
        return text + "; anything else is left to your own judgement."

    def summary(self) -> list[dict[str, object]]:
        """Names and counts of the loaded lists, for capture metadata (no hashes)."""
        return [{"name": hl.name, "counts": hl.counts} for hl in self._lists]

    def match_exact(self, hashes: ExactHashes | ImageHashes) -> Match | None:
        """The first list (in load order) holding this body's MD5, SHA-1 or SHA-256."""
        for kind, table in self._exact.items():
            if not table:
                continue
            index = table.get(bytes.fromhex(getattr(hashes, kind)))
            if index is not None:
                return Match(list_name=self._lists[index].name, match_type=kind)
        return None

    def nearest_pdq(self, pdq_hex: str) -> tuple[int, str] | None:
        """(distance, list name) of the closest listed PDQ hash, or ``None`` with no PDQ list.

        Ties go to the list loaded first. No quality check here: see :meth:`examine`.
        """
        if not self.pdq_count:
            return None
        query = _words(bytes.fromhex(pdq_hex))[:, 0]
        columns = self._pdq_words
        distance = _popcount(columns[0] ^ query[0]).astype(np.uint16)
        for word in range(1, 4):
            distance += _popcount(columns[word] ^ query[word])
        best = int(distance.argmin())
        return int(distance[best]), self._lists[int(self._pdq_owner[best])].name

    def examine(self, hashes: ImageHashes) -> Verdict:
        """Compare one body's hashes with every list: exact hashes first, then PDQ."""
        reliable = [c for c in hashes.candidates if c.reliable]
        low_quality = len(hashes.candidates) - len(reliable)
        match = self.match_exact(hashes)
        if match is None and self.pdq_count:
            for candidate in reliable:
                found = self.nearest_pdq(candidate.hex)
                if found is None or found[0] > self.threshold:
                    continue
                if match is None or found[0] < match.distance:
                    match = Match(found[1], "pdq", found[0], candidate.frame)
        return Verdict(match, len(reliable), low_quality, hashes.decoded)

    def check(self, body: bytes) -> Match | None:
        """Hash ``body`` (in memory) and return the match, if any list recognises it."""
        return self.examine(image_hashes(body)).match


def _words(raw: bytes) -> np.ndarray:
    """PDQ digests (32 bytes each) as a (4, N) array of native uint64 columns."""
    big_endian = np.frombuffer(raw, dtype=">u8").reshape(-1, 4)
    return np.ascontiguousarray(big_endian.T.astype(np.uint64))


_BYTE_POPCOUNT = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def popcount_table(values: np.ndarray) -> np.ndarray:
    """Set bits of each uint64 by a byte lookup table (for NumPy without ``bitwise_count``)."""
    as_bytes = np.ascontiguousarray(values, dtype=np.uint64).view(np.uint8).reshape(-1, 8)
    return _BYTE_POPCOUNT[as_bytes].sum(axis=1, dtype=np.uint8)


_popcount = getattr(np, "bitwise_count", popcount_table)
