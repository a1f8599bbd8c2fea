# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The evidence browser: a headed window under Xvfb; logins survive through storage_state."""

from __future__ import annotations

import pytest

from evidence_vault.errors import SafeguardingBlock, UsageError

from capture_site import CHROMIUM, GuardedWorker, RecordingInspector

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def headed(xvfb, test_flags, tmp_path_factory):
    worker = GuardedWorker(browser_path=CHROMIUM, temp_root=tmp_path_factory.mktemp("headed"),
                           headless=False)
    yield worker
    worker.close()


def test_login_survives_through_saved_storage_state(headed, site):
    headed.open_interactive(start_url=site.base + "/login")
    try:
        page = headed.capture_current()
        assert "You are now logged in" in page.text
        assert page.metadata["browser"]["headless"] is False
        assert page.metadata["final_url"] == site.base + "/login"
        assert page.metadata["http_status"] == 200
        state = headed.storage_state()
    finally:
        headed.close_interactive()
    assert [c["name"] for c in state["cookies"]] == ["session"]

    headed.open_interactive(storage_state=state, start_url=site.base + "/account")
    try:
        assert "Logged in as Alice" in headed.capture_current().text
    finally:
        headed.close_interactive()

    headed.open_interactive(start_url=site.base + "/account")  # a fresh context forgets
    try:
        assert "Please log in" in headed.capture_current().text
    finally:
        headed.close_interactive()


def test_refused_image_while_browsing_blocks_the_capture(headed, site, recorder):
    headed.open_interactive(start_url=site.base + "/guard/img", inspector=recorder)
    try:
        with pytest.raises(SafeguardingBlock):
            headed.capture_current()
        assert "response" in recorder.kinds_for(site.bad_sha256)
    finally:
        headed.close_interactive()


def test_capture_current_needs_an_open_browser(headed):
    with pytest.raises(UsageError):
        headed.capture_current()
    with pytest.raises(UsageError):
        headed.storage_state()


def test_interactive_capture_passes_artefacts_to_the_inspector(headed, site):
    seen = RecordingInspector()
    headed.open_interactive(start_url=site.base + "/plain")
    try:
        page = headed.capture_current(inspector=seen)
    finally:
        headed.close_interactive()
    assert [c[1] for c in seen.calls if c[0] == "artefact"] == ["screenshot.png", "page.mhtml", "text.txt"]
    assert page.metadata["screenshot"]["width_px"] > 0
