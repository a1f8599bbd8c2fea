# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Incident kinds in the words people use: "phone call", "call", "text", "meeting" …

Why: ``--kind phone-call`` answered with a usage dump teaches a frightened user that the tool
is against them. The vault stores one of ``INCIDENT_KINDS``; this module maps what people
type onto it and names the kinds in words for help texts and the app's picker.
"""

from __future__ import annotations

import re

from ..errors import UsageError
from .models import INCIDENT_KINDS

#: Each stored kind, how it is said, and the other words that mean it.
KIND_WORDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "phone_call": ("phone call", ("call", "phone", "telephone", "voicemail", "phonecall")),
    "email": ("email", ("e-mail", "mail")),
    "conversation": ("conversation", ("talk", "chat", "discussion", "spoken")),
    "in_person": ("in person", ("meeting", "visit", "face to face")),
    "message": ("message", ("text", "whatsapp", "dm", "sms", "text message", "direct message")),
    "other": ("other", ()),
}
assert set(KIND_WORDS) == set(INCIDENT_KINDS)


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", " ", text.strip().lower())


def kinds_in_words() -> str:
    """"phone call (or call, phone …), email …" for --help and error messages."""
    return "; ".join(
        f"{said}" + (f" (or {', '.join(others[:3])})" if others else "")
        for said, others in KIND_WORDS.values())


def normalise_kind(text: str) -> str:
    """The stored kind for what a person typed; ``UsageError`` listing the kinds otherwise."""
    wanted = _norm(text or "")
    for kind, (said, others) in KIND_WORDS.items():
        names = {_norm(kind), _norm(said), *(_norm(o) for o in others)}
        if wanted in names:
            return kind
    raise UsageError(f"'{text}' is not a kind of incident Evidence Vault knows. Choose one of: "
                     f"{kinds_in_words()}.")
