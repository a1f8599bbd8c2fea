# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The plain data the capture engine takes and gives back, and the safeguarding hook.

These types cross threads (the caller's thread and the browser worker's thread), so they
are frozen dataclasses holding bytes, strings and JSON-ready dicts: nothing in them refers to
a Playwright object, which may only be used on the thread that created it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from evidence_vault.errors import SafeguardingBlock, UsageError

#: Chromium cannot reliably rasterise one screenshot taller than about 16k device pixels;
#: 8000 keeps every band well inside that limit on every GPU-less machine we tested.
MAX_BAND_DEVICE_PX = 8000


@dataclass(frozen=True)
class CaptureOptions:
    """How one capture is made. Every limit is a bound, so a hostile page cannot hang us."""

    timeout_s: float = 30.0
    """Whole-load budget. At the timeout the page is captured as it is, and that is recorded."""
    device: str | None = None
    """A Playwright device descriptor name such as "iPhone 13"; None for a desktop window."""
    max_height_px: int = 60_000
    """Tallest stitched screenshot, in device pixels. A cut is recorded in the metadata."""
    band_css_px: int = 8_000
    """Height of each screenshot band in CSS pixels, before the device-pixel cap."""
    lazy_scroll_budget_s: float = 10
    """How long we may scroll to make lazy images and infinite feeds load."""
    dismiss_consent: bool = False
    """Close a cookie/consent banner before capturing (a click on the page, recorded)."""

    def check(self) -> None:
        """Refuse nonsensical values with a message the user can act on."""
        if not (math.isfinite(self.timeout_s) and self.timeout_s > 0):
            raise UsageError("The capture time limit must be a positive number of seconds.")
        if not (math.isfinite(self.lazy_scroll_budget_s) and self.lazy_scroll_budget_s >= 0):
            raise UsageError("The scrolling time limit must be zero or a positive number of seconds.")
        if self.max_height_px < 1:
            raise UsageError("The maximum screenshot height must be at least one pixel.")
        if self.band_css_px < 1:
            raise UsageError("The screenshot band height must be at least one pixel.")

    def band_css_for(self, device_scale: float) -> int:
        """Effective band height: the requested one, capped so a band stays <= 8000 device px."""
        return max(1, min(self.band_css_px, int(MAX_BAND_DEVICE_PX // device_scale)))


@dataclass(frozen=True)
class CapturedPage:
    """One capture, all from the same browser session; held in memory only."""

    screenshot_png: bytes = field(repr=False)
    mhtml: bytes = field(repr=False)
    text: str = field(repr=False)
    metadata: dict


@runtime_checkable
class Inspector(Protocol):
    """The safeguarding stage. The capture engine hands it every body it must see; it decides.

    The engine never judges content itself: it only guarantees that images and media reach
    ``inspect`` before they are rendered or written into an artefact, and that a refusal
    (``SafeguardingBlock``) stops the whole capture with nothing kept.

    ``kind`` is one of ``"response"`` (a network body, before the browser renders it),
    ``"data-uri"`` (an image inlined in the page), ``"mhtml-part"`` (a resource inside the
    MHTML archive) and ``"artefact"`` (the finished screenshot, archive and text).
    Calls arrive on the browser worker's thread, one at a time. An inspector may also offer
    ``inspect_picture(..., pixels=)``: the stitched screenshot comes to it with its RGB pixels
    (see ``_guard.Gate.inspect``); one without it gets ``inspect``.
    """

    def inspect(self, *, kind: str, url: str, body: bytes, content_type: str | None) -> None:
        """Return to allow; raise ``SafeguardingBlock`` to refuse."""
        ...

    def unreadable(self, *, kind: str, url: str, reason: str) -> None:
        """A body that had to be inspected could not be read. Failing closed is the default."""
        raise SafeguardingBlock(
            "Part of this page could not be checked by the safeguarding filter, so the capture "
            "was stopped and nothing was saved."
        )


class Progress(Protocol):
    """A capture's progress hook: ``progress(step, part, of)`` is called on the worker thread
    as each step starts, ``step`` one of PROGRESS_STEPS (``part``/``of`` count the
    screenshot's bands, else 0). Raising an ``EvidenceVaultError`` from it stops the capture
    there, with nothing handed back (the app's Cancel)."""

    def __call__(self, step: str, part: int, of: int) -> None: ...


#: The steps a capture reports to ``Progress``, in order.
PROGRESS_STEPS = ("opening", "scrolling", "settling", "photographing", "archiving", "finishing")


def require_inspector(inspector: Inspector) -> Inspector:
    """The capture engine has no permissive default: a capture without the safeguarding
    check must never happen by accident (the vault's ``add_file`` asks the same)."""
    if inspector is None or not callable(getattr(inspector, "inspect", None)):
        raise TypeError("a capture needs an inspector (the safeguarding guard); none was given")
    return inspector
