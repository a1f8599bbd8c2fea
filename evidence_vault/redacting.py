# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Redacting an item for a recipient: the ``redact`` action and the redacted rendering.

Why a rendering and not a drawing: a black rectangle drawn over a picture in a PDF hides
nothing (the picture underneath is still in the file, and ``pdfimages`` gives it back), and
text painted over is still in the text layer. So the redacted copy carries *other files*,
made here, in memory: the screen print decoded, the boxed pixels overwritten, and encoded
again as a new PNG; every text file (page text, entry, email text, a text file) and every
JSON record with the hidden words replaced by ``[redacted]``. Files whose words cannot be
reached safely (the page's MHTML, an email's original, a PDF or Word file) are left out of
the copy altogether. The original, sealed in the vault, never changes.

Words are matched ignoring case and with any run of spaces or line breaks between them, so
"Jane Pupil" also hides "JANE\\nPUPIL". Words in the screen print's *pixels* are not text:
hide them with a box.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field, replace

from .errors import UsageError
from .vault import redactions
from .vault.models import Artefact

MARK = "[redacted]"
FILL = (0, 0, 0)
TEXT_ROLES = ("text", "entry", "metadata")
TEXT_MEDIA = ("text/", "application/json")
MAX_TEXT = 500


@dataclass
class RenderedFile:
    role: str
    filename: str
    media_type: str
    data: bytes
    original_sha256: str
    original_size: int
    #: what was hidden in it (``CHANGES``): a redacted copy must say which attached files are
    #: redacted renderings and which carry the original's content unchanged
    change: str = "words"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


#: What a rendered file is, as the item page and the manifest say it (docs/bundle-format.md).
CHANGES = {
    "boxes": "redacted: the boxed parts of the picture are overwritten in its pixels",
    "words": "redacted: the hidden words are replaced by [redacted]",
    "no_box": "NOT redacted: the original picture (saved again as PNG, the same pixels). No box was drawn on "
              "it, so anything shown in the picture, words included, is not hidden",
    "unchanged": "NOT redacted: the original, unchanged (none of the hidden words are in it)",
}


@dataclass
class Rendering:
    """An item as a redacted copy shows it: its details, and the files that replace its originals."""

    item: object  # the models.Item, with hidden words replaced and only the rendered files listed
    files: dict[str, RenderedFile] = field(default_factory=dict)
    left_out: list[Artefact] = field(default_factory=list)
    redactions: list = field(default_factory=list)

    def shas(self) -> dict[str, str]:
        return {role: f.sha256 for role, f in sorted(self.files.items())}


@dataclass(frozen=True)
class Done:
    """What ``redact_text``/``redact_box``/``undo`` did, for the CLI and the app."""

    item_id: int
    redaction: object | None
    rendering: dict[str, str]
    note: str | None = None


# -- words ---------------------------------------------------------------------------------
def words_pattern(texts) -> re.Pattern | None:
    """One pattern for every text to hide (longest first), or None when there is none."""
    parts = sorted({" ".join(t.split()) for t in texts if t and t.strip()}, key=len, reverse=True)
    if not parts:
        return None
    return re.compile("|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in parts), re.IGNORECASE)


def hide(value, pattern: re.Pattern | None):
    """``value`` (text, or JSON-like data at any depth) with every match replaced by MARK."""
    if pattern is None:
        return value
    if isinstance(value, str):
        return pattern.sub(MARK, value)
    if isinstance(value, list):
        return [hide(v, pattern) for v in value]
    if isinstance(value, tuple):
        return tuple(hide(v, pattern) for v in value)
    if isinstance(value, dict):
        return {hide(k, pattern): hide(v, pattern) for k, v in value.items()}
    return value


def holds(value, pattern: re.Pattern | None) -> bool:
    if pattern is None:
        return False
    if isinstance(value, bytes):
        return bool(pattern.search(value.decode("utf-8", "replace")))
    if isinstance(value, str):
        return bool(pattern.search(value))
    if isinstance(value, (list, tuple)):
        return any(holds(v, pattern) for v in value)
    if isinstance(value, dict):
        return any(holds(k, pattern) or holds(v, pattern) for k, v in value.items())
    return False


# -- pictures ------------------------------------------------------------------------------
def picture_role(item) -> str | None:
    """The artefact a box is drawn on: a page's screen print, or an imported picture."""
    roles = {a.role: a for a in item.artefacts}
    if item.kind == "web_capture" and "screenshot" in roles:
        return "screenshot"
    media = str(item.info.get("media_type") or "")
    if item.kind == "file" and media.startswith("image/") and media != "image/svg+xml" and "original" in roles:
        return "original"
    return None


def picture_size(data: bytes) -> tuple[int, int]:
    from .bundle.screenshots import image_size
    try:
        return image_size(data)
    except (OSError, ValueError, SyntaxError):
        raise UsageError("The item's picture cannot be read as a picture, so no box can be drawn on it.") from None


def parse_box(text: str) -> tuple[int, int, int, int]:
    """'X,Y,W,H' in the picture's own pixels (0,0 is its top left corner)."""
    try:
        values = [int(v) for v in str(text).replace(" ", "").split(",")]
    except ValueError:
        values = []
    if len(values) != 4:
        raise UsageError(f"--box takes four whole numbers X,Y,W,H in the screen print's pixels, like "
                         f"120,340,200,150 (got '{text}').")
    x, y, w, h = values
    if w <= 0 or h <= 0:
        raise UsageError(f"The box {text} has no area: its width and height must be more than 0. Nothing was recorded.")
    if x < 0 or y < 0:
        raise UsageError(f"The box {text} starts left of or above the picture (X and Y start at 0). "
                         "Nothing was recorded.")
    return x, y, w, h


def fit_box(box, size: tuple[int, int]) -> tuple[tuple[int, int, int, int], bool]:
    """The box cut to the picture (and whether it was cut); a box wholly outside is refused."""
    x, y, w, h = box
    width, height = size
    if x >= width or y >= height:
        raise UsageError(f"The box {x},{y},{w},{h} lies outside the picture, which is {width} x {height} pixels. "
                         "Nothing was recorded.")
    fitted = (x, y, min(w, width - x), min(h, height - y))
    return fitted, fitted != tuple(box)


def _fill(data: bytes, boxes) -> bytes:
    """Decode, overwrite the boxed pixels, encode a new PNG (nothing of the old file is kept)."""
    from .bundle.screenshots import decode_rgb
    image = decode_rgb(data)
    try:
        for x, y, w, h in boxes:
            image.paste(FILL, (x, y, x + w, y + h))
        out = io.BytesIO()
        image.save(out, format="PNG", compress_level=6)
        return out.getvalue()
    finally:
        image.close()


# -- the rendering -------------------------------------------------------------------------
def _text_file(a: Artefact, data: bytes, pattern) -> bytes | None:
    """The artefact's redacted bytes, or None when it is not text we can rewrite safely."""
    if a.role == "metadata" or a.media_type.startswith("application/json"):
        try:
            value = json.loads(data)
        except ValueError:
            return None
        return (json.dumps(hide(value, pattern), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    if a.role in TEXT_ROLES or a.media_type.startswith("text/plain"):
        return hide(data.decode("utf-8", "replace"), pattern).encode("utf-8")
    return None


def render(vault, item, own: list, pattern: re.Pattern | None) -> Rendering:
    """``item`` as a redacted copy shows it: ``own`` are its redactions in force, ``pattern``
    every word to hide (its own, and in a bundle those of the other items too)."""
    boxes = [r.box for r in own if r.kind == "box" and r.box]
    picture = picture_role(item)
    files: dict[str, RenderedFile] = {}
    left_out: list[Artefact] = []
    for a in item.artefacts:
        data = vault.read_artefact(item.id, a.role)
        if a.role == picture:
            new, name, media = _fill(data, boxes), a.filename.rsplit(".", 1)[0] + ".png", "image/png"
            change = "boxes" if boxes else "no_box"
        else:
            new = _text_file(a, data, pattern) if (a.role in TEXT_ROLES or a.media_type.startswith(TEXT_MEDIA)) \
                else None
            name, media = a.filename, a.media_type
            if new is None or a.role == "mhtml":
                left_out.append(a)
                continue
            change = "unchanged" if new == data else "words"
        files[a.role] = RenderedFile(a.role, name, media, new, a.sha256, a.size, change)
    shown = tuple(Artefact(f"redacted-{a.id}", a.role, files[a.role].filename, files[a.role].media_type,
                           files[a.role].sha256, len(files[a.role].data))
                  for a in item.artefacts if a.role in files)
    main = next((a.sha256 for a in shown if a.role == _main_role(item)), None)
    info = {**hide(item.info, pattern), "redacted_copy": {
        "redactions": len(own), "original_sha256": item.main_sha256,
        "left_out": [a.role for a in left_out], "files": {r: f.change for r, f in sorted(files.items())}}}
    hidden = replace(item, info=info, artefacts=shown, main_sha256=main,
                     amendments=tuple(hide(list(item.amendments), pattern)),
                     withdrawn=hide(item.withdrawn, pattern))
    return Rendering(hidden, files, left_out, list(own))


def _main_role(item) -> str | None:
    from .vault.models import MAIN_ROLE
    return MAIN_ROLE.get(item.kind)


def _texts(own) -> list[str]:
    return [r.text for r in own if r.kind == "text" and r.text]


# -- the user's actions --------------------------------------------------------------------
def _active(vault, item_id: int):
    item = vault.item(int(item_id))
    if item.state != "active":
        vault.read_artefact(item.id, item.artefacts[0].role if item.artefacts else "")  # says why, in words
    return item


def redact_text(vault, item_id: int, text: str) -> Done:
    """Hide ``text`` from the item's title, notes, page text and records in redacted copies.

    Refused, with nothing written, when the words do not appear in the item."""
    item, words = check_text(vault, item_id, text)
    own = redactions.in_force(vault, item.id).get(item.id, [])
    shas = render(vault, item, own, words_pattern(_texts(own) + [words])).shas()
    made = redactions.record(vault, item_id=item.id, kind="text", text=words, rendering=shas)
    note = None
    role = picture_role(item)
    if role:
        width, height = picture_size(vault.read_artefact(item.id, role))
        note = (f"The {'screen print' if role == 'screenshot' else 'picture'} ({width} x {height} pixels) is a "
                "picture: words shown in it are not hidden by --text. Hide them with --box X,Y,W,H.")
    return Done(item.id, made, shas, note)


def check_text(vault, item_id: int, text: str):
    """(the item, the words) when ``text`` can be hidden from it; else UsageError, nothing written."""
    item = _active(vault, item_id)
    words = " ".join((text or "").split())
    if not words:
        raise UsageError("Give the exact words to hide, e.g. --text \"Jane Pupil\". Nothing was recorded.")
    if len(words) > MAX_TEXT:
        raise UsageError(f"The words to hide are longer than {MAX_TEXT} characters; hide them a sentence at a time.")
    pattern = words_pattern([words])
    texts = [vault.read_artefact(item.id, a.role) for a in item.artefacts
             if a.role in TEXT_ROLES or a.media_type.startswith(TEXT_MEDIA)]
    if not (holds(item.info, pattern) or holds(list(item.amendments), pattern) or any(holds(t, pattern) for t in texts)):
        raise UsageError(f"\u201c{words}\u201d does not appear in item {item.id}'s title, notes or page text, so there "
                         "is nothing to hide. Check the spelling. Nothing was recorded.")
    return item, words


def redact_box(vault, item_id: int, box: str | tuple) -> Done:
    """Black out a rectangle of the item's screen print (or picture) in redacted copies."""
    parsed = parse_box(box) if isinstance(box, str) else parse_box(",".join(str(v) for v in box))
    item = _active(vault, item_id)
    role = picture_role(item)
    if role is None:
        raise UsageError(f"Item {item.id} has no screen print or picture, so there is nothing to draw a box on. "
                         "Use --text to hide words. Nothing was recorded.")
    fitted, cut = fit_box(parsed, picture_size(vault.read_artefact(item.id, role)))
    own = redactions.in_force(vault, item.id).get(item.id, [])
    probe = redactions.Redaction(0, "", None, item.id, "box", None, fitted)
    shas = render(vault, item, [*own, probe], words_pattern(_texts(own))).shas()
    made = redactions.record(vault, item_id=item.id, kind="box", box=fitted, rendering=shas)
    note = "The box went past the picture's edge, so it was cut to the picture." if cut else None
    return Done(item.id, made, shas, note)


def check_box(vault, item_id: int, boxes) -> None:
    """Refuse (UsageError, nothing written) when any of ``boxes`` cannot be drawn on the item."""
    item = _active(vault, item_id)
    role = picture_role(item)
    if role is None:
        raise UsageError(f"Item {item.id} has no screen print or picture, so there is nothing to draw a box on. "
                         "Use --text to hide words. Nothing was recorded.")
    size = picture_size(vault.read_artefact(item.id, role))
    for box in boxes:
        fit_box(box, size)


def undo(vault, item_id: int, seq: int) -> Done:
    """Take a redaction back (recorded as ``redaction_removed``; the first stays in the history)."""
    item = _active(vault, item_id)
    gone = redactions.find(vault, item.id, int(seq))
    rest = [r for r in redactions.in_force(vault, item.id).get(item.id, []) if r.seq != gone.seq]
    shas = render(vault, item, rest, words_pattern(_texts(rest))).shas() if rest else {}
    redactions.remove(vault, item_id=item.id, seq=gone.seq, rendering=shas)
    return Done(item.id, gone, shas)


def listing(vault, item_id: int) -> list:
    item = vault.item(int(item_id))
    return redactions.in_force(vault, item.id).get(item.id, [])
