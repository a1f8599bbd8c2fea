# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A part found inside another (the walker's unit of work), in a module of its own so that the
readers of each container (_archives, _documents, _mime, _markup, _pictures) and the walker
can all name it."""

from __future__ import annotations

from dataclasses import dataclass, field

from PIL import Image


@dataclass
class Child:
    """One part found inside another, handed back to the walker.

    ``strict``: a picture by its bytes that does not decode is refused (see the module
    docstring). ``entity``: a MIME entity (headers, blank line, body) whatever it starts with.
    ``carved``: found by carving, so not carved again. ``pixels``: a picture decoded already
    (an image inside a PDF), hashed as it is.
    """

    data: bytes = b""
    name: str | None = None  # its file name inside the container, for the refusal's record
    declared: str | None = None
    strict: bool = True
    entity: bool = False
    carved: bool = False
    pixels: Image.Image | None = field(default=None, repr=False)
