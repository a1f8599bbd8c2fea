# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The platform's reply to a report, added later: its words, a screenshot of it, or both.

Why a module outside the vault: a screenshot of the reply is evidence like any other file, so
it goes in through ``workflows.add_file`` and the clause-71 guard sees every byte before one is
written (a refusal adds nothing, not even the reply's words, and is recorded as any refusal
is). The file becomes an ordinary item of the report's case, noted as the platform's reply;
the ``platform_reply_added`` event then names it (vault/platform_reports.py).
"""

from __future__ import annotations

from pathlib import Path

from . import workflows
from .errors import UsageError
from .vault.platform_reports import TEXT_MAX, PlatformReport
from .vault.when import Happened


def add_reply(vault, number: int, *, text: str | None, screenshot: Path | str | None,
              received=None) -> PlatformReport:
    """Record the reply to report ``number``; ``received``: a ``times.ParsedTime`` (when the
    reply came) or None. Returns the report with its replies."""
    report = vault.platform_reports.get(number)  # an unknown number is said before any file is read
    words = (text or "").strip()
    if not words and screenshot is None:
        raise UsageError("Give the platform's reply: paste its words (--text), or add a screenshot of it "
                         "(--screenshot FILE).")
    if len(words) > TEXT_MAX:
        raise UsageError(f"The reply is {len(words)} characters long; at most {TEXT_MAX} are kept. "
                         "Keep the rest as a screenshot or a file.")
    item_id = None
    if screenshot is not None:
        case = next(c for c in vault.cases() if c.id == report.case_id)
        ref = f", reference {report.reference}" if report.reference else ""
        item = workflows.add_file(
            vault, case, Path(screenshot),
            note=f"The reply from {report.platform} to report {report.number}{ref}.",
            happened=Happened.from_parsed(received) if received is not None else None)
        item_id = item.id
    return vault.platform_reports.add_reply(
        report.number, text=words or None, screenshot_item_id=item_id,
        received_at=received.stored if received is not None else None,
        time_unknown=bool(received is not None and received.time_unknown))
