# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Hostile and awkward pages: each ends in a CapturedPage or a clear error, never a hang."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from PIL import Image

from evidence_vault.capture import CaptureOptions
from evidence_vault.errors import CaptureError, NavigationError, PageChangedError

from capture_site import RecordingInspector

pytestmark = pytest.mark.browser


def test_page_that_never_finishes_loading_is_captured_at_the_timeout(worker, site):
    page = worker.capture(site.base + "/slow-body", CaptureOptions(timeout_s=3, lazy_scroll_budget_s=1))
    load = page.metadata["load"]
    assert load["timed_out"] is True and load["waited_s"] >= 2.5
    assert "First part arrived" in page.text
    assert any("had not finished loading" in note for note in page.metadata["notes"])


def test_server_that_never_answers_is_a_navigation_error(worker, site):
    with pytest.raises(NavigationError) as info:
        worker.capture(site.base + "/never-responds", CaptureOptions(timeout_s=2))
    assert "did not send a page within 2 seconds" in str(info.value)


def test_infinite_scroll_is_bounded(worker, site):
    options = CaptureOptions(lazy_scroll_budget_s=2, max_height_px=20_000)
    page = worker.capture(site.base + "/infinite", options)
    shot = page.metadata["screenshot"]
    assert shot["height_px"] <= 20_000
    scroll = page.metadata["lazy_scroll"]
    assert scroll["finalHeight"] > scroll["startHeight"] and not scroll["endReached"]
    assert scroll["usedMs"] < 4000
    assert any("endless feed" in note for note in page.metadata["notes"])


def test_dialogs_are_dismissed_and_recorded(worker, site):
    page = worker.capture(site.base + "/dialogs")
    assert page.metadata["dialogs"] == [
        {"type": "alert", "message": "first alert"},
        {"type": "confirm", "message": "are you sure?"},
        {"type": "prompt", "message": "your name?"},
    ]
    assert "dialog page" in page.text
    assert any("pop-up" in note for note in page.metadata["notes"])


def _files_holding(root, needle: bytes) -> list[str]:
    found = []
    for dirpath, _, files in os.walk(root):
        for name in files:
            path = os.path.join(dirpath, name)
            try:
                with open(path, "rb") as handle:
                    if needle in handle.read():
                        found.append(path)
            except OSError:
                continue
    return found


def test_download_is_refused_and_nothing_is_kept(own_worker, site, tmp_path):
    """Chromium spools the first bytes of a download it then refuses to a temporary file in
    the worker's own temp folder and keeps it until the browser exits (RAM-backed in the app:
    paths.app_temp_root). Nothing may land anywhere else, and nothing may outlive the worker."""
    with pytest.raises(NavigationError) as info:
        own_worker.capture(site.base + "/download")
    assert "download" in str(info.value)
    elsewhere = [p for p in _files_holding(tmp_path, b"secret-download-bytes")
                 if "/root/ev-browser-" not in p]
    assert elsewhere == []
    own_worker.close()
    assert _files_holding(tmp_path, b"secret-download-bytes") == []


def test_pdf_address_is_captured_as_shown_and_inspected(worker, site):
    seen = RecordingInspector()
    page = worker.capture(site.base + "/doc.pdf", inspector=seen)
    assert page.metadata["http_status"] == 200
    assert page.metadata["response_headers"]["content-type"] == "application/pdf"
    assert any("application/pdf" in note for note in page.metadata["notes"])
    pdf_calls = [c for c in seen.calls if c[0] == "response" and c[1].endswith("/doc.pdf")]
    assert pdf_calls and pdf_calls[0][3] == "application/pdf"


def test_image_address_is_captured_and_its_body_inspected_first(worker, site):
    seen = RecordingInspector()
    page = worker.capture(site.base + "/image.png", inspector=seen)
    good = hashlib.sha256(site.good_png).hexdigest()
    assert "response" in seen.kinds_for(good)
    assert any("image/png" in note for note in page.metadata["notes"])
    with Image.open(io.BytesIO(page.screenshot_png)) as shot:
        assert shot.size == (1280, 800)


def test_page_that_navigates_away_mid_capture_is_refused(worker, site):
    with pytest.raises(PageChangedError) as info:
        worker.capture(site.base + "/navigates-away")
    assert "different address" in str(info.value)


def test_cross_origin_iframe_is_captured_with_its_content(worker, site):
    seen = RecordingInspector()
    page = worker.capture(site.base + "/iframe-xorigin", inspector=seen)
    assert "outer" in page.text
    assert b"inner frame text" in page.mhtml
    inner_image = [c for c in seen.calls if c[0] == "response" and c[1].startswith(site.other)]
    assert inner_image, "the cross-origin frame's image went through the inspector"


def test_twenty_megabyte_image(worker, site):
    seen = RecordingInspector()
    page = worker.capture(site.base + "/big-image", inspector=seen)
    big = hashlib.sha256(site.big).hexdigest()
    assert len(site.big) >= 20_000_000
    assert seen.kinds_for(big) == {"response", "mhtml-part"}
    assert page.metadata["http_status"] == 200


def test_browser_crash_mid_capture_is_a_capture_error_and_the_next_capture_works(own_worker, site, tmp_path):
    import threading

    from evidence_vault.capture import _browser

    site.crash_requested.clear()
    outcome: dict = {}

    def run():
        try:
            own_worker.capture(site.base + "/crash", CaptureOptions(timeout_s=60))
        except Exception as exc:  # noqa: BLE001 - checked below
            outcome["error"] = exc

    thread = threading.Thread(target=run)
    thread.start()
    assert site.crash_requested.wait(60), "the page never asked for its image"
    run_dirs = list((tmp_path / "root").glob("ev-browser-*"))
    aliases = [p for p in _alias_candidates() if p.resolve() in [d.resolve() for d in run_dirs]]
    killed = any(_browser.kill_browser(d) for d in run_dirs + aliases)
    assert killed, "found the browser process to kill"
    thread.join(60)
    assert not thread.is_alive()
    error = outcome.get("error")
    assert isinstance(error, CaptureError) and not isinstance(error, NavigationError)
    assert "browser closed unexpectedly" in str(error)
    page = own_worker.capture(site.base + "/plain")
    assert "Hello evidence" in page.text


def _alias_candidates():
    from pathlib import Path

    return [p for p in Path("/tmp").glob("ev-*") if p.is_symlink()]


def test_page_that_wedges_the_browser_is_abandoned_by_the_watchdog(own_worker, site):
    options = CaptureOptions(timeout_s=2, lazy_scroll_budget_s=0, max_height_px=4000)
    with pytest.raises(CaptureError) as info:
        own_worker.capture(site.base + "/hang-script", options)
    assert "stopped responding" in str(info.value)
    page = own_worker.capture(site.base + "/plain")
    assert "Hello evidence" in page.text
