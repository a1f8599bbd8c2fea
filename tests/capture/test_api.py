# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The public surface, URL validation, browser discovery and error mapping (no browser needed)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import evidence_vault.capture as capture
from evidence_vault.capture import BrowserWorker, CaptureOptions, find_browser, validate_url
from evidence_vault.capture import _browser
from evidence_vault.capture._errors import navigation_error, PlaywrightError, PlaywrightTimeoutError
from evidence_vault.capture._inline_media import decode_data_uri
from evidence_vault.errors import (
    BrowserNotFoundError, CaptureError, InvalidURLError, NavigationError, UsageError,
)

from capture_site import RecordingInspector

DOCS = Path(__file__).resolve().parents[2] / "docs" / "capture.md"


def test_public_names_are_exactly_the_documented_api():
    assert sorted(capture.__all__) == sorted(
        ["BrowserWorker", "CaptureOptions", "CapturedPage", "Inspector", "PROGRESS_STEPS", "Progress",
         "WebAddress", "find_browser", "validate_url"]
    )
    for name in capture.__all__:
        assert getattr(capture, name).__doc__, f"{name} has no docstring"


def test_every_public_name_and_metadata_field_is_documented():
    text = DOCS.read_text(encoding="utf-8")
    for name in capture.__all__ + ["open_interactive", "capture_current", "storage_state",
                                   "close_interactive"]:
        assert name in text, f"{name} is not in docs/capture.md"
    for field in ["requested_url", "final_url", "redirect_chain", "http_status", "response_headers",
                  "server_ip", "server_port", "tls", "capture_started_at", "capture_finished_at",
                  "local_timezone", "clock_source", "user_agent", "viewport", "device_scale_factor",
                  "screenshot", "load", "dialogs", "notes", "capture_tool", "sha256"]:
        assert f"`{field}`" in text, f"metadata field {field} is not documented"


@pytest.mark.parametrize("url", [
    "http://example.org", "https://example.org/a?b=c#d", "http://127.0.0.1:8080/x",
    "https://[::1]/", "https://bücher.example/", "  https://example.org/  ",
])
def test_validate_url_accepts_web_addresses(url):
    assert validate_url(url) == url.strip()


def test_an_address_is_checked_once_on_its_way_in():
    """What validate_url accepted is handed on as it is (the worker does not check it again);
    a plain string is always checked."""
    checked = validate_url("  https://example.org/a  ")
    assert validate_url(checked) is checked and checked == "https://example.org/a"
    assert type(validate_url("https://example.org/a")) is type(checked) is not str
    with pytest.raises(InvalidURLError):
        validate_url(str(checked).replace("https", "javascript"))


@pytest.mark.parametrize("url, words", [
    ("javascript:alert(1)", "javascript"),
    ("JavaScript:alert(1)", "javascript"),
    ("file:///etc/passwd", "file on this computer"),
    ("data:text/html,<b>x</b>", "data:"),
    ("chrome://settings", "browser's own"),
    ("about:blank", "about:"),
    ("view-source:http://x.org", "view-source"),
    ("example.org", "http:// or https://"),
    ("http://", "no website name"),
    ("http:///path", "no website name"),
    ("http://exa mple.org", "spaces"),
    ("http://example.org:99999/", "port"),
    ("http://example.org:abc/", "port"),
    ("http://bad..host/", "not a valid website name"),
    ("", "No web address"),
    ("http://x\n.org", "control characters"),
])
def test_validate_url_refuses_with_a_specific_message(url, words):
    with pytest.raises(InvalidURLError) as info:
        validate_url(url)
    assert words.lower() in str(info.value).lower()


def test_invalid_url_is_refused_before_any_browser_starts(tmp_path):
    worker = BrowserWorker(browser_path=Path(sys.executable), temp_root=tmp_path)
    try:
        for url in ("javascript:alert(1)", "file:///etc/passwd", "data:,x", "chrome://crash", "http//x"):
            with pytest.raises(InvalidURLError):
                worker.capture(url, inspector=RecordingInspector())
        assert list(tmp_path.iterdir()) == []  # no run folder: nothing was launched
    finally:
        worker.close()


def test_options_band_height_is_capped_in_device_pixels():
    o = CaptureOptions()
    assert o.band_css_for(1) == 8000
    assert o.band_css_for(2) == 4000
    assert o.band_css_for(3) == 2666
    assert o.band_css_for(2.625) == 3047
    assert CaptureOptions(band_css_px=1000).band_css_for(3) == 1000


@pytest.mark.parametrize("bad", [
    dict(timeout_s=0), dict(timeout_s=float("nan")), dict(max_height_px=0),
    dict(band_css_px=0), dict(lazy_scroll_budget_s=-1),
])
def test_options_refuse_nonsense(bad):
    with pytest.raises(UsageError):
        CaptureOptions(**bad).check()


def test_find_browser_uses_the_explicit_setting(tmp_path):
    program = tmp_path / "my-chrome"
    program.write_text("#!/bin/sh\n")
    assert find_browser({"EVIDENCE_VAULT_BROWSER": str(program)}) == program


def test_find_browser_explains_a_wrong_setting(tmp_path):
    with pytest.raises(BrowserNotFoundError) as info:
        find_browser({"EVIDENCE_VAULT_BROWSER": str(tmp_path / "nothing")})
    assert "EVIDENCE_VAULT_BROWSER" in str(info.value)


def _playwright_build(root, revision: int, text: str = "#!/bin/sh\n", mode: int = 0o755):
    """A Chromium program where ``playwright install`` puts build ``revision``."""
    program = root / f"chromium-{revision}" / "chrome-linux64" / "chrome"
    program.parent.mkdir(parents=True)
    program.write_text(text)
    program.chmod(mode)
    return program


def test_find_browser_finds_playwrights_own_chromium_first(tmp_path):
    if sys.platform != "linux":
        pytest.skip("layout checked for Linux")
    newest = _playwright_build(tmp_path, 1200)
    _playwright_build(tmp_path, 1100)
    assert find_browser({"PLAYWRIGHT_BROWSERS_PATH": str(tmp_path)}) == newest


def test_find_browser_passes_over_an_empty_or_non_executable_file(tmp_path):
    """What an uninstall can leave where a browser was: not a browser."""
    if sys.platform != "linux":
        pytest.skip("layout checked for Linux")
    _playwright_build(tmp_path, 1300, text="")
    _playwright_build(tmp_path, 1200, mode=0o644)
    usable = _playwright_build(tmp_path, 1100)
    assert find_browser({"PLAYWRIGHT_BROWSERS_PATH": str(tmp_path)}) == usable


def test_find_browser_with_nothing_installed_says_how_to_install(tmp_path, monkeypatch):
    monkeypatch.setattr(_browser, "_system_candidates", lambda env, platform: [])
    with pytest.raises(BrowserNotFoundError) as info:
        find_browser({"HOME": str(tmp_path), "PATH": str(tmp_path)})
    message = str(info.value)
    assert "sudo apt install chromium" in message and "Google Chrome" in message


def test_worker_with_missing_browser_raises_browser_not_found(tmp_path):
    with pytest.raises(BrowserNotFoundError) as info:
        BrowserWorker(browser_path=tmp_path / "no-such-chrome", temp_root=tmp_path)
    assert "sudo apt install chromium" in str(info.value)


@pytest.mark.parametrize("message, cls, words", [
    ("net::ERR_NAME_NOT_RESOLVED at http://x.example/", NavigationError, "could not be found"),
    ("net::ERR_CONNECTION_REFUSED at http://x.example/", NavigationError, "refused"),
    ("net::ERR_CERT_DATE_INVALID at https://x.example/", NavigationError, "not trusted"),
    ("net::ERR_TOO_MANY_REDIRECTS at http://x.example/", NavigationError, "loop"),
    ("net::ERR_INTERNET_DISCONNECTED at http://x.example/", NavigationError, "connected"),
    ("Download is starting", NavigationError, "download"),
    ("Target page, context or browser has been closed", CaptureError, "closed unexpectedly"),
    ("net::ERR_SOMETHING_NEW at http://x.example/", NavigationError, "could not be loaded"),
])
def test_playwright_errors_map_to_plain_messages(message, cls, words):
    error = navigation_error(PlaywrightError(message), "http://x.example/", 30)
    assert type(error) is cls
    assert words in str(error)
    assert "Traceback" not in str(error) and "Page.goto" not in str(error)


def test_timeout_maps_to_navigation_error():
    error = navigation_error(PlaywrightTimeoutError("Timeout 30000ms exceeded."), "http://x.example/", 30)
    assert isinstance(error, NavigationError) and "30 seconds" in str(error)


def test_data_uri_decoding():
    assert decode_data_uri("data:image/png;base64,iVBO") == ("image/png", b"\x89PN")
    assert decode_data_uri("data:,a%20b") == ("text/plain", b"a b")
    assert decode_data_uri("data:image/svg+xml;utf8,<svg/>") == ("image/svg+xml", b"<svg/>")
    with pytest.raises(ValueError):
        decode_data_uri("data:image/png;base64,%%%%")


def test_stale_run_folders_of_dead_processes_are_removed(tmp_path):
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)
    dead_pid = int(finished.stdout)
    stale = tmp_path / f"ev-browser-{dead_pid}-abcdef"
    (stale / "profile").mkdir(parents=True)
    (stale / "profile" / "leftover").write_bytes(b"old evidence")
    live = tmp_path / f"ev-browser-{_os_pid()}-012345"
    live.mkdir()
    unrelated = tmp_path / "ev-browser-notes"
    unrelated.mkdir()
    new = _browser.make_session_dir(tmp_path)
    assert not stale.exists()
    assert live.exists() and unrelated.exists() and new.exists()
    assert re.match(r"ev-browser-\d+-[0-9a-f]+$", new.name)


def _os_pid() -> int:
    import os

    return os.getpid()
