# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The guard the capture engine calls on every body before anything is written (clause 71).

Why this module exists: policy clause 71 makes it an offence to save, send, alter or show an
indecent image of a child. Evidence Vault therefore checks every body a capture would keep
(each response, each ``data:`` URI, each MHTML part, each artefact it makes, each file given
to it) *before* a byte of it is written, and refuses the whole capture when one is on a hash
list. ``ImageGuard`` implements the capture engine's Inspector protocol::

    inspect(*, kind, url, body, content_type) -> None     raises a SafeguardingBlock
    unreadable(*, kind, url, reason) -> None              always raises a SafeguardingBlock

What is checked, per body (see docs/blocklists.md for the full table):

* MD5, SHA-1 and SHA-256 of every body, whatever it is.
* PDQ of every picture that decodes (every frame of an animation up to 64 frames).
* Pictures inside SVG, HTML, CSS or any text as ``data:image/...`` URIs, and the parts of an
  MHTML document: each is checked as a body of its own (up to ``MAX_DEPTH`` levels deep).
* Video and audio: exact hashes only; their frames are not looked at.

It fails closed: a body that says it is a picture (by its first bytes or its Content-Type) but
cannot be decoded, a picture too large to decode safely, content nested too deeply, and a body
the browser could not hand over (``unreadable``) all block the capture, with a message saying
it could not be checked. An empty body is not a picture and passes.

The exceptions' messages are written for a frightened person: plain words, no hashes, no
technical detail (that is kept on attributes); for ``kind="file"`` they speak of the file
given, not of a page. ``record()`` gives counts for the capture
metadata; neither it nor the exceptions ever hold a hash or a pixel of the page.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import re
import threading
import zlib

from PIL import Image

from ..errors import SafeguardingBlock, UncheckableBlock
from . import sniff
from .hashing import NOT_READABLE, exact_hashes, image_hashes, own_png_hashes
from .matcher import Match, Matcher

KINDS = frozenset({"response", "data-uri", "mhtml-part", "artefact", "file"})

#: Pictures inside pictures inside pages: deeper nesting than this is refused, not explored.
MAX_DEPTH = 4

#: A compressed SVG (svgz) may unpack to at most this many bytes.
MAX_SVG_BYTES = 32 * 1024 * 1024

_CLEAN_CACHE_LIMIT = 20_000
_ADVICE = (
    "Please do not look at the page again or try to save it another way. Tell your "
    "designated safeguarding lead, and contact the police: the safeguarding advice in "
    "Evidence Vault says how."
)
_FILE_ADVICE = (
    "Please do not open the file again, and do not copy, send, show or delete it. Tell your "
    "designated safeguarding lead, and contact the police: the safeguarding advice in "
    "Evidence Vault says how."
)


def safe_url(url: str) -> str:
    """The address as it may be shown and recorded: a ``data:`` URI is cut to its type (its
    payload *is* the picture), and anything is cut to 2,000 characters."""
    if url[:5].lower() == "data:":
        media_type = url[5:].split(",", 1)[0].split(";", 1)[0] or "unknown type"
        return f"data:{media_type[:100]} (picture embedded in the page)"
    clean = "".join(c for c in url if c.isprintable())
    return clean if len(clean) <= 2000 else clean[:2000] + "\u2026"


class BlockedImage(SafeguardingBlock):
    """Something on the page is on a hash list; the capture was refused and nothing written."""

    def __init__(self, *, match: Match, kind: str, url: str, embedded: bool = False) -> None:
        self.list_name = match.list_name
        self.match_type = match.match_type
        self.distance = match.distance
        self.kind = kind
        self.url = safe_url(url)
        self.embedded = embedded
        if kind == "file":  # a file given to Evidence Vault, not part of a page
            opening = "Evidence Vault has not added this file because it matches"
            nothing, advice = "Nothing from it has been saved.", _FILE_ADVICE
        else:
            opening = "Evidence Vault has stopped this capture because something on the page matches"
            nothing, advice = "Nothing from this page has been saved.", _ADVICE
        super().__init__(
            f"{opening} the hash list \u201c{match.list_name}\u201d: a list of known images "
            "that must not be saved, sent or shown (school policy, clause 71). "
            f"{nothing} {advice} You have done the right thing by stopping here."
        )

    def as_record(self) -> dict[str, object]:
        """What may be written in the vault's event log about this refusal (no hash, no pixel)."""
        return {
            "event": "safeguarding-block",
            "list": self.list_name,
            "type": self.match_type,
            "distance": self.distance,
            "kind": self.kind,
            "url": self.url,
        }


class UncheckableContent(UncheckableBlock):
    """Something on the page could not be checked, so the capture was refused (fail closed).

    ``reason`` is a plain phrase ("the picture is damaged or incomplete"); ``detail`` holds
    any technical text from the capture engine, for logs, never for the message.
    """

    def __init__(self, *, kind: str, url: str, reason: str, detail: str | None = None) -> None:
        self.kind = kind
        self.url = safe_url(url)
        self.reason = reason
        self.detail = detail
        if kind == "file":
            super().__init__(
                f"Evidence Vault could not check this file ({reason}), so to be safe it has not "
                "been added and nothing from it has been saved. This does not mean the file "
                "holds anything illegal. Please do not take a screenshot of it instead: ask "
                "your designated safeguarding lead or IT support for help."
            )
            return
        super().__init__(
            f"Evidence Vault could not check part of this page ({reason}), so to be safe "
            "nothing from the page has been saved. This does not mean the page holds anything "
            "illegal. Please do not take a screenshot instead: write down the web address, "
            "the date and the time, and ask your designated safeguarding lead or IT support "
            "for help."
        )

    def as_record(self) -> dict[str, object]:
        """What may be written in the vault's event log about this refusal."""
        return {"event": "safeguarding-uncheckable", "reason": self.reason, "kind": self.kind, "url": self.url}


class ImageGuard:
    """Checks bodies against a :class:`Matcher`; thread-safe; one per capture is the intent.

    Bodies already found clean are remembered by SHA-256 (in memory only), so the same
    picture met again as a response, an MHTML part and a file is decoded once.
    """

    def __init__(self, matcher: Matcher) -> None:
        self.matcher = matcher
        self._lock = threading.Lock()
        self._clean: dict[tuple[bytes, str], tuple[int, int, int]] = {}
        self._counts = {"bodies_checked": 0, "pdq_checked": 0, "pdq_low_quality": 0, "exact_only": 0, "embedded_checked": 0}

    # -- the Inspector protocol ---------------------------------------------------------------

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None) -> None:
        """Return if ``body`` may be kept; raise ``BlockedImage``/``UncheckableContent`` if not."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        self._bump("bodies_checked")
        self._check(body, content_type, kind=kind, url=url, depth=0)

    def inspect_picture(self, *, kind: str, url: str, body: bytes, content_type: str | None,
                        pixels: Image.Image) -> None:
        """``inspect`` for a PNG the capture engine encoded itself from ``pixels`` (its RGB
        pixels, consumed): they are hashed rather than decoded again from ``body``. Anything
        that is not plainly such a PNG (another format, size or mode) gets ``inspect``."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        if not _png_of(body, pixels):
            self.inspect(kind=kind, url=url, body=body, content_type=content_type)
            return
        self._bump("bodies_checked")
        self._raster_verdict(own_png_hashes(body, pixels), kind=kind, url=url, depth=0)

    def unreadable(self, *, kind: str, url: str, reason: str) -> None:
        """The capture engine could not get a body to check: refuse (fail closed)."""
        if kind not in KINDS:
            raise ValueError(f"unknown body kind {kind!r}; expected one of {sorted(KINDS)}")
        raise UncheckableContent(
            kind=kind, url=url, reason="the browser could not hand it over to be checked", detail=reason
        )

    def record(self) -> dict[str, object]:
        """Counts for the capture metadata ("guard"): lists and numbers, never a hash."""
        with self._lock:
            counts = dict(self._counts)
        return {"lists": self.matcher.summary(), "coverage": self.matcher.coverage(), **counts}

    # -- the work -------------------------------------------------------------------------

    def _check(self, body: bytes, content_type: str | None, *, kind: str, url: str, depth: int) -> None:
        if not body:
            return
        if depth > MAX_DEPTH:
            raise UncheckableContent(kind=kind, url=url, reason="pictures are nested too deeply inside it to check")
        found = sniff.sniff(body, content_type)
        # Keyed by what the body is taken for too: the same bytes sent as text and as
        # image/png are two different questions (the second must decode).
        key = (hashlib.sha256(body).digest(), found.kind)
        with self._lock:
            seen = self._clean.get(key)
        if seen is not None:
            self._add_counts(*seen)
            return
        pdq_checked = low_quality = exact_only = 0
        if found.kind == sniff.RASTER:
            pdq_checked, low_quality = self._raster_verdict(image_hashes(body), kind=kind, url=url, depth=depth)
        else:
            self._refuse_if(self.matcher.match_exact(exact_hashes(body)), kind=kind, url=url, depth=depth)
            if found.kind == sniff.MEDIA:
                exact_only = 1
            else:
                text = self._svg_text(body, kind=kind, url=url) if found.kind == sniff.SVG else body
                self._check_inside(text, kind=kind, url=url, depth=depth)
        self._add_counts(pdq_checked, low_quality, exact_only)
        with self._lock:
            if len(self._clean) >= _CLEAN_CACHE_LIMIT:
                self._clean.clear()
            self._clean[key] = (pdq_checked, low_quality, exact_only)

    def _raster_verdict(self, hashes, *, kind: str, url: str, depth: int) -> tuple[int, int]:
        """Refuse a match, or a picture that did not decode; else (pdq_checked, low_quality)."""
        verdict = self.matcher.examine(hashes)
        self._refuse_if(verdict.match, kind=kind, url=url, depth=depth)
        if not hashes.decoded:
            raise UncheckableContent(kind=kind, url=url, reason=hashes.failure or NOT_READABLE)
        return (0, 1) if verdict.pdq_unreliable else (1, 0)

    def _check_inside(self, body: bytes, *, kind: str, url: str, depth: int) -> None:
        """Pictures carried inside a text body (data: URIs) or an MHTML document (parts).

        An MHTML document (or an e-mail) is looked at only part by part, each decoded by its own
        Content-Transfer-Encoding: in the raw text a quoted-printable soft line break
        (``=`` CRLF) can cut a ``data:`` URI in two, and the stub would be taken for a
        damaged picture (a false "could not check" on a real page).
        """
        if _looks_like_mime(body):
            for part_type, payload in _mime_parts(body):
                self._bump("embedded_checked")
                self._check(payload, part_type, kind=kind, url=url, depth=depth + 1)
            return
        for item in sniff.embedded_images(body):
            if not item.data:
                continue  # "data:image/png;base64," + x in a script: nothing there to show
            self._bump("embedded_checked")
            # Inside text, only the bytes say whether it is a raster picture: a script's
            # example string is not one, and a browser shows no picture from such bytes.
            declared = item.media_type if item.media_type == "image/svg+xml" else None
            self._check(item.data, declared, kind=kind, url=url, depth=depth + 1)

    def _svg_text(self, body: bytes, *, kind: str, url: str) -> bytes:
        if not body.startswith(b"\x1f\x8b"):
            return body
        inflater = zlib.decompressobj(wbits=31)
        try:
            text = inflater.decompress(body, MAX_SVG_BYTES)
        except zlib.error as exc:
            raise UncheckableContent(kind=kind, url=url, reason="the picture is damaged or incomplete") from exc
        if inflater.unconsumed_tail or not inflater.eof:
            raise UncheckableContent(kind=kind, url=url, reason="the picture is too large to check safely")
        return text

    def _refuse_if(self, match: Match | None, *, kind: str, url: str, depth: int) -> None:
        if match is not None:
            raise BlockedImage(match=match, kind=kind, url=url, embedded=depth > 0)

    def _bump(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def _add_counts(self, pdq_checked: int, low_quality: int, exact_only: int) -> None:
        with self._lock:
            self._counts["pdq_checked"] += pdq_checked
            self._counts["pdq_low_quality"] += low_quality
            self._counts["exact_only"] += exact_only


_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]*:")
_MIME_MARKERS = re.compile(rb"^(?:mime-version:|content-transfer-encoding:|content-type:\s*multipart/)", re.M)


def _png_of(body: bytes, pixels: Image.Image) -> bool:
    """Whether ``body`` is a one-frame RGB PNG of the size of ``pixels`` (its header says so;
    nothing is decoded)."""
    if pixels.mode != "RGB" or not body.startswith(b"\x89PNG\r\n\x1a\n"):
        return False
    try:
        with Image.open(io.BytesIO(body), formats=("PNG",)) as header:
            return (header.mode, header.size, getattr(header, "n_frames", 1)) == ("RGB", pixels.size, 1)
    except Exception:  # noqa: BLE001 - not a PNG we made: the ordinary inspection decides
        return False


def _looks_like_mime(body: bytes) -> bool:
    """An MHTML archive or an e-mail message (.eml, .mht): RFC 822 headers first, and among
    them a MIME version, a transfer encoding, or a multipart type. Its parts are encoded
    (base64, quoted-printable), so only their decoded payloads can be looked into."""
    head = body[:16384].lstrip()
    if not _HEADER_LINE.match(head):
        return False
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0].lower()
    # An e-mail file (.eml) is taken apart by evidence_vault.mail, part by part, before it
    # reaches the guard; here only MHTML archives (multipart/related) are.
    return bool(_MIME_MARKERS.search(block)) and b"multipart/related" in block


def _mime_parts(body: bytes) -> list[tuple[str, bytes]]:
    """(Content-Type, decoded payload) of every leaf part of an MHTML document or e-mail."""
    message = email.message_from_bytes(body, policy=email.policy.compat32)
    parts = []
    for part in message.walk():
        if part.is_multipart():
            continue
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            parts.append((part.get_content_type(), payload))
    return parts

