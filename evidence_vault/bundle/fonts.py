# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The bundle's own fonts, what they can draw, and drawing each font once per bundle.

Why: a teacher types notes in the language of the message (a Polish parent, a Greek name, a
Russian insult), and the head teacher must read exactly that. A system font may be missing
(Windows, macOS, the frozen app), and the PDF standard fonts draw only Western European
letters, so the bundle carries DejaVu Sans (Latin, Greek, Cyrillic and more) in resources/fonts
(licence: packaging/licences.toml, ``assets``) and embeds the glyphs it uses.

What a font cannot draw is never replaced silently. Scripts that need shaping (joined letters,
right to left, vowel signs placed around a consonant: Arabic and Urdu, Hebrew, the scripts of
India and South-East Asia) are drawn wrongly by a simple PDF font even where it has glyphs, so
they count as "cannot draw" too. :func:`drawable` says so per character; pages print a marker
in their place and say, in words, which attached file holds the exact text (pages_items.py).

Each page group (front pages, each item, the custody log) is a small reportlab document
grafted onto the bundle (assemble.py), and each document would embed its own copy of every
font it uses. :func:`seed` gives every document the same first 256 characters of each font,
in the same order, so that part of the font is byte-for-byte the same in all of them and the
appender keeps one copy (assemble.py); only unusual characters add small per-item subsets.
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FILES = (("regular", "EV-Sans", "DejaVuSans.ttf"), ("bold", "EV-Sans-Bold", "DejaVuSans-Bold.ttf"),
         ("mono", "EV-Mono", "DejaVuSansMono.ttf"))
STANDARD = {"regular": "Helvetica", "bold": "Helvetica-Bold", "mono": "Courier"}
#: Shown where characters could not be drawn; the page says where the exact text is.
MARKER = "[…]"

#: Blocks of scripts a PDF font cannot draw correctly without text shaping.
NEEDS_SHAPING = (
    (0x0590, 0x08FF),   # Hebrew, Arabic (Urdu, Persian), Syriac, Thaana, NKo ...
    (0x0900, 0x0DFF),   # Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada,
                        # Malayalam, Sinhala
    (0x0E00, 0x0FFF),   # Thai, Lao, Tibetan
    (0x1000, 0x109F),   # Myanmar
    (0x1780, 0x17FF),   # Khmer
    (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069),  # direction controls
    (0xA8E0, 0xA8FF),   # Devanagari extended
    (0xFB1D, 0xFDFF),   # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFF),   # Arabic presentation forms B
    (0x10A00, 0x10A5F), (0x11000, 0x1107F),
)

#: The first characters of every document, in this order (see the module docstring): what
#: nearly every English bundle uses, so the shared subset is almost always the only one.
SEED = ("".join(chr(c) for c in range(0x20, 0x7F)) + "".join(chr(c) for c in range(0xA1, 0x100))
        + "–—‘’‚“”„…•→←≠×·€£™ŁłŚśŻżŹźĆćŃńĘęĄąŒœŠšŽžČčŘřĞğİıŞş")


def font_dirs() -> list[Path]:
    """Where the bundled fonts are: the frozen app's folder, else the source tree's resources."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "resources" / "fonts")
    places.append(Path(__file__).resolve().parents[2] / "resources" / "fonts")
    return places


@lru_cache(maxsize=1)
def registered() -> dict[str, str]:
    """{'regular','bold','mono'} reportlab font names: the bundled DejaVu fonts, registered once
    (the PDF standard fonts only if the files are missing, which a test of the build refuses)."""
    found = {}
    for key, name, filename in FILES:
        for folder in font_dirs():
            if (folder / filename).is_file():
                pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
                found[key] = name
                break
    return found if len(found) == len(FILES) else dict(STANDARD)


def _shaped(code: int) -> bool:
    return any(lo <= code <= hi for lo, hi in NEEDS_SHAPING)


@lru_cache(maxsize=8)
def _cmap(name: str) -> frozenset[int] | None:
    font = pdfmetrics.getFont(name)
    face = getattr(font, "face", None)
    return frozenset(face.charToGlyph) if face is not None else None


def drawable(ch: str, font: str | None = None) -> bool:
    """Can ``font`` (default: the regular one) draw ``ch`` as the person typed it?"""
    code = ord(ch)
    if code < 0x20 or _shaped(code):
        return False
    cmap = _cmap(font or registered()["regular"])
    if cmap is None:  # a standard font: Latin-1 only
        return code < 0x100
    return code in cmap or code == 0xA0


def undrawable(text: str | None, font: str | None = None) -> bool:
    """True when some visible character of ``text`` cannot be drawn (line breaks and tabs can)."""
    return any(not drawable(ch, font) for ch in (text or "") if ch not in "\r\n\t" and ch.isprintable())


def drawn(text: str, font: str | None = None) -> str:
    """``text`` as it can be drawn: each run of characters the font cannot draw becomes MARKER,
    other control characters a space."""
    out: list[str] = []
    gap = False
    for i, ch in enumerate(text):
        if gap and ch == " " and i + 1 < len(text) and not _shown(text[i + 1], font):
            continue  # "[…]" once for a phrase, not once a word
        if not ch.isprintable() and ch != " ":
            if _shaped(ord(ch)) or ord(ch) >= 0x80:  # a direction or joining control of a script
                if not gap:
                    out.append(MARKER)
                gap = True
                continue
            out.append(" ")
            gap = False
        elif drawable(ch, font):
            out.append(ch)
            gap = False
        elif not gap:
            out.append(MARKER)
            gap = True
    return "".join(out)


def _shown(ch: str, font: str | None) -> bool:
    return ch == " " or (ch.isprintable() and drawable(ch, font))


def seed(canvas) -> None:
    """Give this document's fonts the shared first subset (see the module docstring)."""
    doc = canvas._doc  # reportlab keeps a TrueType font's subsets per document object
    for name in set(registered().values()):
        font = pdfmetrics.getFont(name)
        if hasattr(font, "splitString"):
            font.splitString("".join(ch for ch in SEED if drawable(ch, name)), doc)
