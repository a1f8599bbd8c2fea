# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding and decoding the media a page carries inline, for the safeguarding gate (_guard.py).

Why apart from the gate: these are pure functions over bytes and text (no browser, no
Playwright), so they can be read and tested on their own: a ``data:`` URI decoded to its
bytes, the ``data:`` pictures written inside HTML or CSS text, and which archive parts must be
inspected (media always, anything that sniffs as a picture, any part that is not plain text).
"""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import unquote_to_bytes

_DATA_IN_TEXT = re.compile(
    rb"data:(?:image|video|audio)/[a-zA-Z0-9.+-]+(?:;[a-zA-Z0-9=._-]+)*;base64,[A-Za-z0-9+/=\s]+"
)


def inline_data_uris(text: bytes) -> list[str]:
    return [m.group(0).decode("ascii") for m in _DATA_IN_TEXT.finditer(text)]


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"\x00\x00\x01\x00", b"RIFF")


def needs_inspection(content_type: str, body: bytes) -> bool:
    """Media parts always; any other non-text part too, and anything that sniffs as an image."""
    main = content_type.split("/", 1)[0]
    if main in ("image", "video", "audio"):
        return True
    if body[:12].startswith(_IMAGE_MAGIC) or body[4:12] in (b"ftypavif", b"ftypheic"):
        return True
    return not (main == "text" or content_type in (
        "application/javascript", "application/json", "application/x-javascript",
        "application/ecmascript", "application/xml",
    ))


def decode_data_uri(uri: str) -> tuple[str | None, bytes]:
    """Decode ``data:[<media type>][;base64],<data>`` into (media type, bytes)."""
    if not uri[:5].lower() == "data:" or "," not in uri:
        raise ValueError("not a data: URI")
    header, _, payload = uri[5:].partition(",")
    params = [p.strip() for p in header.split(";")]
    media = params[0].lower() or "text/plain"
    if params[-1].lower() == "base64":
        cleaned = re.sub(r"\s+", "", unquote_to_bytes(payload).decode("ascii", "replace"))
        try:
            return media, base64.b64decode(cleaned + "=" * (-len(cleaned) % 4), validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("the inline image's base64 data is corrupt") from exc
    return media, unquote_to_bytes(payload)
