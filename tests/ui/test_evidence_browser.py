# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The evidence browser from the app: a visible Chromium under Xvfb, "Capture this page",
logins kept sealed in the vault, "Forget logins"."""

from __future__ import annotations

import pytest

from ui_support import open_vault

pytestmark = pytest.mark.browser


def test_log_in_capture_this_page_keep_then_forget_logins(window, qtbot, site, test_flags, xvfb):
    assert not window.act_capture_this.isEnabled()
    with qtbot.waitSignal(window.browser_opened, timeout=60_000):
        window.captures.open_browser(start_url=site.base + "/login")
    assert window.act_capture_this.isEnabled() and window.act_close_browser.isEnabled()
    with qtbot.waitSignal(window.capture_finished, timeout=90_000) as done:
        window.captures.capture_this_page()
    assert done.args == ["saved"]
    vault = open_vault(window)
    [item] = vault.items()
    assert "You are now logged in" in vault.read_artefact(item.id, "text").decode()
    window.captures.close_browser()
    assert window.captures.evidence_browser is None
    state = vault.logins.saved()
    assert [c["name"] for c in state["cookies"]] == ["session"]  # kept, sealed in the vault

    with qtbot.waitSignal(window.browser_opened, timeout=60_000):
        window.captures.open_browser(start_url=site.base + "/account")
    with qtbot.waitSignal(window.capture_finished, timeout=90_000):
        window.captures.capture_this_page()
    newest = max(vault.items(), key=lambda i: i.id)
    assert "Logged in as Alice" in vault.read_artefact(newest.id, "text").decode()
    window.captures.close_browser()

    window.captures.forget_logins()
    assert vault.logins.saved() is None
    assert "forgotten" in window.main.banner.text.text()
