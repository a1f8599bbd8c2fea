# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the user should know about a finished capture, in words a teacher can read.

Each note is derived from the ``CaptureRecord`` (and what the page watch and the gate saw),
so the metadata and the notes can never disagree. Notes are appended to ``record.notes``,
the same list other steps (the gate's capture warnings, the quality checks) add to.
"""

from __future__ import annotations

from http import HTTPStatus

from ._record import CaptureRecord
from ._types import CaptureOptions


def _bare(url: str) -> str:
    return url.split("#", 1)[0]


def add_outcome_notes(record: CaptureRecord, options: CaptureOptions, *, watch, gate) -> None:
    add = record.notes.append
    response, scroll, ready, shot = record.response, record.scroll, record.ready, record.shot
    if record.load.timed_out:
        add(f"The page had not finished loading after {options.timeout_s:g} seconds; "
            "loading was stopped and the page was captured as it was at that moment.")
    if response is not None and response.status >= 400:
        try:
            phrase = HTTPStatus(response.status).phrase
        except ValueError:
            phrase = "error"
        add(f"The website answered with HTTP status {response.status} ({phrase}); the capture "
            "shows the page the server sent with that status.")
    if response is None:
        add("The network details of this page were not available (it may have been restored "
            "from the browser's history), so server, certificate and headers are missing.")
    elif _bare(record.final_url) != _bare(response.url):
        add(f"The page changed its own address to {record.final_url[:300]} without loading a new page.")
    if shot["truncated"]:
        add(f"The page is {shot['full_height_px']} pixels tall; the screenshot was cut at "
            f"{shot['height_px']} pixels. The text and the MHTML archive contain the whole page.")
    if shot["width_truncated"]:
        add("The page is wider than the screenshot; its right-hand part was cut off.")
    if not scroll.get("skipped"):
        limit = f"{options.lazy_scroll_budget_s:g}-second"
        if scroll.get("stuck"):
            add("The page does not scroll normally (it may use its own scrolling area); parts "
                "further down may be missing from the screenshot.")
        elif not scroll.get("endReached") and scroll.get("finalHeight", 0) > scroll.get("startHeight", 0):
            where = ("at the maximum screenshot height" if scroll.get("stoppedAtMax")
                     else f"at the {limit} scrolling limit")
            add("The page kept loading more content while it was scrolled (an endless feed); "
                f"scrolling stopped {where}, so later content is not included.")
        elif not scroll.get("endReached") and scroll.get("budgetExhausted"):
            add(f"Scrolling through the page took longer than the {limit} limit; images "
                "that load only when scrolled to may be missing further down.")
    if ready.get("incomplete"):
        add(f"{ready['incomplete']} image(s) had not finished loading when the screenshot was taken.")
    if ready.get("timed_out"):
        add("Some images or fonts were still being prepared when the screenshot was taken.")
    if abs(record.height_after - record.height_before) > 1:
        add(f"The page changed its height while it was photographed ({record.height_before} to "
            f"{record.height_after} CSS pixels); the screenshot may show a seam.")
    if gate.failed:
        add(f"{len(gate.failed)} part(s) of the page (images or data) failed to load and "
            "are missing; they are listed under failed_requests.")
    if watch.dialogs:
        add(f"The page showed {len(watch.dialogs)} pop-up message(s); they were dismissed "
            "automatically and are listed under dialogs.")
    if watch.downloads:
        add("The page tried to start a file download; it was blocked and nothing was saved.")
    if gate.unreadable_notes:
        add(f"{len(gate.unreadable_notes)} item(s) could not be read for the safeguarding check.")
