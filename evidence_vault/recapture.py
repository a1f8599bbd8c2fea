# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Re-capturing a page later: is it still online, has it changed, has it gone?

Abusive posts get deleted, and "it was online from 3 to 9 December" is evidence too. A
re-capture captures the same address again, into the same case, through the same guarded
path as any capture (``workflows.capture_url``), links the new item to the earlier one
(``recapture_of`` in its details), compares the two, and appends the outcome to the ledger
(``vault.recaptures``), so a bundle can show the timeline "captured ... still online ...
changed ... removed". Nothing is overwritten: each capture stays an item of its own.

What is compared, and how it is worded:

- gone: HTTP 404 or 410, a "content not available" page that the earlier capture did not
  show, or a redirect to a login page;
- text: the visible text, line by line (``difflib``): how many lines were added and
  removed, and the first changed line;
- screenshot: the share of pixels that differ (both screenshots reduced by 4 first, so one
  pixel of anti-aliasing is not "a change"; a different height counts as changed area).
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass

import numpy as np
from PIL import Image

from . import workflows
from .capture import BrowserWorker, CaptureOptions
from .errors import CaptureError, NavigationError, UsageError
from .page_problems import GONE_TEXT, LOGIN_URL
from .vault import Item, Vault
from .vault import recaptures as ledger

#: A difference of more than this in any channel counts a (reduced) pixel as changed.
PIXEL_TOLERANCE = 24


@dataclass(frozen=True)
class RecaptureResult:
    """One re-check: the earlier item, the new one (None if unreachable) and what changed."""

    earlier: Item
    new: Item | None
    outcome: str
    summary: str

    def line(self) -> str:
        """One line for the terminal."""
        target = f"item {self.earlier.id}"
        if self.new is not None:
            target += f" -> item {self.new.id}"
        words = ledger.OUTCOME_WORDS[self.outcome]
        return f"{target}: {words} ({self.summary}) {self.earlier.info.get('requested_url') or ''}".rstrip()


def text_change(old: str, new: str) -> tuple[bool, str]:
    """Whether the visible text changed, and a short summary of how."""
    a = [line.strip() for line in old.splitlines() if line.strip()]
    b = [line.strip() for line in new.splitlines() if line.strip()]
    if a == b:
        return False, "text unchanged"
    added = removed = 0
    first = None
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed += i2 - i1
        added += j2 - j1
        if first is None:
            first = (b[j1] if j2 > j1 else "- " + a[i1])[:80]
    return True, f"text changed: {added} line(s) added, {removed} removed, first: \"{first}\""


def screenshot_change_permille(old_png: bytes, new_png: bytes) -> int:
    """Thousandths of the screenshot area whose pixels changed (0-1000)."""
    with Image.open(io.BytesIO(old_png)) as a_img, Image.open(io.BytesIO(new_png)) as b_img:
        a = np.asarray(a_img.convert("RGB").reduce(4), dtype=np.int16)
        b = np.asarray(b_img.convert("RGB").reduce(4), dtype=np.int16)
    h, w = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    total = max(a.shape[0] * a.shape[1], b.shape[0] * b.shape[1])
    if total == 0:
        return 0
    differs = np.abs(a[:h, :w] - b[:h, :w]).max(axis=2) > PIXEL_TOLERANCE
    changed = int(differs.sum()) + (total - h * w)
    return round(1000 * changed / total)


def _gone_reason(earlier: Item, earlier_text: str, new: Item, new_text: str) -> str | None:
    status = new.info.get("http_status")
    if status in (404, 410):
        return f"the site answered HTTP {status}"
    final = new.info.get("final_url") or ""
    requested = new.info.get("requested_url") or ""
    if final != requested and LOGIN_URL.search(final) and not LOGIN_URL.search(requested):
        return "the address now leads to a login page"
    match = GONE_TEXT.search(new_text[:20000])
    if match and not GONE_TEXT.search(earlier_text[:20000]):
        return f"the page now says \"{match.group(0)[:60]}\""
    return None


def recapture_item(vault: Vault, worker: BrowserWorker, item_id: int, *,
                   options: CaptureOptions = CaptureOptions()) -> RecaptureResult:
    """Capture the address of item ``item_id`` again into its case, compare, and record the check."""
    earlier = vault.item(item_id)
    if earlier.kind != "web_capture":
        raise UsageError(f"Item {item_id} is not a web page capture, so there is no address to check again.")
    url = earlier.info.get("requested_url") or earlier.info.get("final_url")
    if not url or not str(url).startswith(("http://", "https://")):
        raise UsageError(f"Item {item_id} was captured in the evidence browser without an address to "
                         "load again; capture the page again with 'evidence-vault browse'.")
    old_text = vault.read_artefact(earlier.id, "text").decode("utf-8", "replace")  # refuses quarantined
    case = vault.case(earlier.case)
    try:
        new = workflows.capture_url(vault, worker, url=url, case=case, options=options,
                                    extra_info={"recapture_of": earlier.id},
                                    keep_error_pages=True)  # "gone" is what a re-capture looks for
    except (NavigationError, CaptureError) as exc:
        if not isinstance(exc, NavigationError):
            raise
        summary = f"could not be reached: {str(exc)[:300]}"
        ledger.record_check(vault, item_id=earlier.id, new_item_id=None, outcome="unreachable",
                            summary=summary, http_status=None, text_changed=None,
                            screenshot_changed_permille=None)
        return RecaptureResult(earlier, None, "unreachable", summary)
    new_text = vault.read_artefact(new.id, "text").decode("utf-8", "replace")
    changed_text, text_summary = text_change(old_text, new_text)
    permille = screenshot_change_permille(vault.read_artefact(earlier.id, "screenshot"),
                                          vault.read_artefact(new.id, "screenshot"))
    gone = _gone_reason(earlier, old_text, new, new_text)
    if gone:
        outcome, summary = "gone", gone
    else:
        outcome = "changed" if changed_text or permille > 10 else "unchanged"
        summary = f"{text_summary}; {permille / 10:.1f}% of the screenshot changed"
    ledger.record_check(vault, item_id=earlier.id, new_item_id=new.id, outcome=outcome, summary=summary,
                        http_status=new.info.get("http_status"), text_changed=changed_text,
                        screenshot_changed_permille=permille)
    return RecaptureResult(earlier, new, outcome, summary)


def latest_per_address(vault: Vault, case_name: str) -> list[Item]:
    """The newest active web capture of each address in a case (what a re-check compares to)."""
    case = vault.case(case_name)
    latest: dict[str, Item] = {}
    for item in vault.items(case):
        if item.kind != "web_capture" or item.state != "active":
            continue
        url = item.info.get("requested_url")
        if url and str(url).startswith(("http://", "https://")):
            latest[url] = item  # items come oldest first
    return list(latest.values())
