# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The advice shown to a member of staff who fears something shows a child.

Why this module exists: when the guard refuses a capture, or someone presses "I think this
shows a child", the app must show calm, correct steps at once (do not save or show it; tell
the designated safeguarding lead; police; IWF). The school edits the text in
``resources/safeguarding-advice.md`` (to add names and phone numbers), so it is read from
there: beside the package in a source tree (``<repo>/resources``), or in a PyInstaller bundle
(``sys._MEIPASS/resources``). If the file is missing or unreadable the built-in text below is
returned, because no advice at all is the worst outcome; the caller cannot tell the
difference, and does not need to.
"""

from __future__ import annotations

import sys
from pathlib import Path

ADVICE_FILE = "safeguarding-advice.md"

FALLBACK_ADVICE = """\
# If you think something shows a child

You are not in trouble, and what you do next can help a child.

1. Stop. Do not screenshot, save, copy, forward or print it, and do not show it to anyone,
   not even to "prove" what you saw. It is an offence to save, send, alter or show an
   indecent image of a child (school policy, clause 71).
2. Close the page or app. Do not delete your messages, and do not reply.
3. Write down the web address, the date and the time. Only the address, never the picture.
4. Tell your designated safeguarding lead today.
5. Contact the police: 999 if a child is in immediate danger, otherwise 101.
6. Report the web address to the Internet Watch Foundation at report.iwf.org.uk.

This is not your fault, and you have done the right thing.
"""


def advice_locations() -> list[Path]:
    """Where the advice file is looked for, in order."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "resources" / ADVICE_FILE)
    places.append(Path(__file__).resolve().parents[2] / "resources" / ADVICE_FILE)
    return places


def safeguarding_advice(*, resources_dir: Path | None = None) -> str:
    """The school's advice text (Markdown), or the built-in text when it cannot be read.

    ``resources_dir`` overrides where to look (tests, or a school-specific folder).
    """
    places = [resources_dir / ADVICE_FILE] if resources_dir is not None else advice_locations()
    for place in places:
        try:
            text = place.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            return text
    return FALLBACK_ADVICE
