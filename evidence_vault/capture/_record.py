# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The one record a capture carries through the pipeline's steps, and the metadata it becomes.

Each step of ``PageCapture.run`` fills in its own fields of a ``CaptureRecord`` (the load
report, the scroll pass, the screenshot, the archive, the text ...), and at the end
``metadata()`` turns the record into the JSON-ready dict that is sealed with the item. One
typed record instead of a dict assembled from a dozen local variables means a step cannot
forget to hand something on, and the notes and quality checks read the same fields the
metadata shows.

A record holds Playwright objects (the main ``Response``) and so lives only on the browser
worker's thread; what leaves that thread is ``CapturedPage``, built from ``metadata()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _metadata


@dataclass
class LoadReport:
    """How loading went. ``settle_until`` is the pipeline's own deadline, not metadata."""

    timed_out: bool = False
    waited_s: float = 0.0
    network_idle: bool | None = None
    interactive: bool = False
    settle_until: float | None = None
    """Monotonic time until which the settle step may wait for network idle (None: do not)."""

    def as_metadata(self) -> dict:
        out = {"timed_out": self.timed_out, "waited_s": self.waited_s, "network_idle": self.network_idle}
        if self.interactive:
            out["interactive"] = True
        return out


@dataclass
class CaptureRecord:
    """Everything one capture found out, filled in step by step (see ``_pipeline``)."""

    requested_url: str
    started_at: str
    browser: dict
    device: str | None
    device_scale: float
    response: object | None
    """The main document's Playwright ``Response`` (None when restored from history)."""
    load: LoadReport
    scroll: dict = field(default_factory=dict)
    ready: dict = field(default_factory=dict)
    settle: dict = field(default_factory=dict)
    shot: dict = field(default_factory=dict)
    quality: dict = field(default_factory=dict)
    height_before: int = 0
    height_after: int = 0
    final_url: str = ""
    title: str = ""
    user_agent: str = ""
    viewport: dict = field(default_factory=dict)
    finished_at: str = ""
    text: str = field(default="", repr=False)
    mhtml: bytes = field(default=b"", repr=False)
    png: bytes = field(default=b"", repr=False)
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    actions: list[str] = field(default_factory=list)
    """Anything done to the page on the user's request (e.g. a consent banner dismissed)."""

    def metadata(self, *, dialogs: list, downloads: list, failed: list, inspected: int) -> dict:
        response = self.response
        server_ip, server_port = _metadata.server_address(response) if response else (None, None)
        out = {
            "requested_url": self.requested_url,
            "final_url": self.final_url,
            "redirect_chain": _metadata.redirect_chain(response) if response else [],
            "http_status": response.status if response else None,
            "response_headers": response.all_headers() if response else {},
            "server_ip": server_ip,
            "server_port": server_port,
            "tls": _metadata.tls_details(response) if response else None,
            "title": self.title,
            "capture_started_at": self.started_at,
            "capture_finished_at": self.finished_at,
            "local_timezone": _metadata.local_timezone(),
            "clock_source": _metadata.CLOCK_SOURCE,
            "browser": self.browser,
            "user_agent": self.user_agent,
            "viewport": self.viewport,
            "device_scale_factor": self.device_scale,
            "device": self.device,
            "screenshot": self.shot,
            "load": self.load.as_metadata(),
            "lazy_scroll": self.scroll,
            "dialogs": list(dialogs),
            "downloads_blocked": list(downloads),
            "failed_requests": list(failed),
            "safeguarding": {"bodies_inspected": inspected},
            "notes": self.notes,
            "step_timings_s": self.timings,
            "capture_tool": _metadata.capture_tool(),
            "sha256": {
                "screenshot.png": _metadata.sha256_hex(self.png),
                "page.mhtml": _metadata.sha256_hex(self.mhtml),
                "text.txt": _metadata.sha256_hex(self.text.encode("utf-8")),
            },
        }
        if self.settle:
            out["settle"] = self.settle
        if self.quality:
            out["quality"] = self.quality
        if self.actions:
            out["actions_on_page"] = list(self.actions)
        return out
