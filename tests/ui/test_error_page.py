# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §3 in the window: a page that is not the page is asked about before it is sealed.

Real Chromium against the capture tests' site on 127.0.0.1 (``/status/404``), the real window
over a real vault. Discard writes nothing at all; Keep seals it with its mark, which the
timeline and the details show with its title.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from ui.error_page import DISCARD, DISCARDED, KEEP

from ui_support import open_vault

pytestmark = pytest.mark.browser


def _capture_and_wait_for_the_question(window, qtbot, url):
    dialog = window.captures.open_dialog()
    dialog.url.setText(url)
    dialog.accept()
    qtbot.waitUntil(lambda: isinstance(window.dialog, QMessageBox), timeout=90_000)
    return window.dialog


def _button(box, text):
    return next(b for b in box.buttons() if b.text() == text)


def test_discard_writes_nothing(window, qtbot, site, test_flags):
    vault = open_vault(window)
    events_before = len(vault.events())
    box = _capture_and_wait_for_the_question(window, qtbot, site.base + "/status/404")
    assert box.text() == ("The website says this page does not exist (404). Keep it as a record that the page "
                          "is gone, or discard it?")
    assert box.defaultButton() is _button(box, DISCARD)  # Enter never keeps it
    assert vault.items() == [] and len(vault.events()) == events_before  # nothing sealed while asking
    assert window.captures.task is not None and not window.act_capture.isEnabled()
    with qtbot.waitSignal(window.capture_finished, timeout=10_000) as done:
        qtbot.keyClick(box, Qt.Key.Key_Return)
    assert done.args == ["discarded"]
    assert vault.items() == [] and len(vault.events()) == events_before
    assert window.main.banner.text.text() == DISCARDED
    assert window.captures.task is None and window.act_capture.isEnabled()


def test_keep_seals_it_with_its_mark_shown_with_its_title(window, qtbot, site, test_flags):
    box = _capture_and_wait_for_the_question(window, qtbot, site.base + "/status/404")
    with qtbot.waitSignal(window.capture_finished, timeout=10_000) as done:
        _button(box, KEEP).click()
    assert done.args == ["saved"]
    [item] = open_vault(window).items()
    assert item.info["page_problem"]["mark"] == "Page gone (HTTP 404)"
    assert window.main.banner.text.text() == f"Saved as item {item.id}, marked \u201cPage gone (HTTP 404)\u201d."
    assert "Page gone (HTTP 404): Error 404" in window.main.model.index(0).data()
    assert window.main.details.state.text() == (
        "\u26a0 Page gone (HTTP 404): not the page you asked for. The website says this page does not exist "
        "(404). It was kept as a record of what the address showed.")


def test_locking_while_asked_discards(window, qtbot, site, test_flags):
    box = _capture_and_wait_for_the_question(window, qtbot, site.base + "/status/500")
    assert "(500: Internal Server Error)" in box.text()
    with qtbot.waitSignal(window.capture_finished, timeout=10_000) as done:
        window.lock()
    assert done.args == ["discarded"]
    assert window.captures.task is None and not window.session.is_open
    from evidence_vault import Vault
    from ui_support import PASSPHRASE
    with Vault.open(window.session.folder, PASSPHRASE) as vault:
        assert vault.items() == []
