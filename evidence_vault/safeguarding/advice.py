# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The advice shown to a member of staff who fears something shows a child.

Why this module exists: when the guard refuses a capture, or someone presses "I think this
shows a child", the app must show calm, correct steps at once (do not save or show it; tell
the designated safeguarding lead; police; IWF). The school may adapt the text in
``resources/safeguarding-advice.md``, so it is read from there: beside the package in a source
tree (``<repo>/resources``), or in a PyInstaller bundle (``sys._MEIPASS/resources``). If the
file is missing or unreadable the built-in text below is returned, because no advice at all is
the worst outcome; the caller cannot tell the difference, and does not need to.

The safeguarding lead's and deputy's names and numbers are not in the file: the school types
them once in the app's Settings (kept in the app's per-user settings, never in evidence), and
the caller passes them as :class:`SafeguardingContacts`. They replace the line
``<!-- safeguarding contacts -->`` in the text; with none given, that line says plainly whom
to ask. So the advice never shows blank lines to fill in, or a note meant for an editor.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
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

   <!-- safeguarding contacts -->

5. Contact the police: 999 if a child is in immediate danger, otherwise 101.
6. Report the web address to the Internet Watch Foundation at report.iwf.org.uk.

This is not your fault, and you have done the right thing.
"""


CONTACTS_MARKER = "<!-- safeguarding contacts -->"
ASK_WHO = ("Ask the school office or the head teacher who the designated safeguarding lead is: every "
           "school has one, and a deputy for when they are away.")


@dataclass(frozen=True)
class SafeguardingContacts:
    """Whom to tell: the designated safeguarding lead and the deputy, as the school typed them
    (any of them may be blank)."""

    lead_name: str = ""
    lead_phone: str = ""
    deputy_name: str = ""
    deputy_phone: str = ""

    def lines(self) -> list[str]:
        """The contact lines for the advice (Markdown), or the sentence saying whom to ask."""
        out = [line for line in (_person("Designated safeguarding lead", self.lead_name, self.lead_phone),
                                 _person("Deputy safeguarding lead", self.deputy_name, self.deputy_phone))
               if line]
        if not out:
            return [ASK_WHO]
        if not (self.lead_name.strip() or self.lead_phone.strip()):
            out.append("Ask the school office who the designated safeguarding lead is.")
        return out


def _person(role: str, name: str, phone: str) -> str:
    name, phone = " ".join(name.split()), " ".join(phone.split())
    if name and phone:
        return f"- {role}: **{name}**, phone **{phone}**"
    if name:
        return f"- {role}: **{name}** (ask the school office for their phone number)"
    if phone:
        return f"- {role}: phone **{phone}**"
    return ""


def with_contacts(text: str, contacts: SafeguardingContacts | None) -> str:
    """``text`` with its contacts line filled in (see the module docstring). A school's own
    text without the line gets the contacts, when there are any, under its title."""
    contacts = contacts or SafeguardingContacts()
    match = re.search(rf"^([ \t]*){re.escape(CONTACTS_MARKER)}[ \t]*$", text, flags=re.MULTILINE)
    if match is None:
        if contacts == SafeguardingContacts():
            return text
        head, _, rest = text.partition("\n")
        block = "\n".join(contacts.lines())
        return f"{head}\n\n{block}\n{rest}" if head.startswith("#") else f"{block}\n\n{text}"
    indent = match.group(1)
    filled = "\n".join(indent + line for line in contacts.lines())
    return text[:match.start()] + filled + text[match.end():]


def advice_locations() -> list[Path]:
    """Where the advice file is looked for, in order."""
    places = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        places.append(Path(bundle) / "resources" / ADVICE_FILE)
    places.append(Path(__file__).resolve().parents[2] / "resources" / ADVICE_FILE)
    return places


def safeguarding_advice(*, resources_dir: Path | None = None,
                        contacts: SafeguardingContacts | None = None) -> str:
    """The school's advice text (Markdown), or the built-in text when it cannot be read, with
    the safeguarding contacts filled in (or whom to ask, when none are given).

    ``resources_dir`` overrides where to look (tests, or a school-specific folder).
    """
    places = [resources_dir / ADVICE_FILE] if resources_dir is not None else advice_locations()
    for place in places:
        try:
            text = place.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        if text.strip():
            return with_contacts(text, contacts)
    return with_contacts(FALLBACK_ADVICE, contacts)
