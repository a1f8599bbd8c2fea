# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bugs are seen (issue 21): a worker's bug takes its progress down and says so, then reaches
the app's excepthook, which writes a bug report and shows the crash dialog (ui/crash.py).

The bugs here are real failures, not mocks: a path holding a NUL character makes Python raise
ValueError ("embedded null byte") inside the library, which maps only OSError to its own
errors; a missing file read outside the library raises FileNotFoundError.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer

from ui import crash
from ui.capture_commands import BUG_NOT_OPENED, _Call
from ui.bundles import BUG_NO_BUNDLE

from ui_support import open_vault


@pytest.fixture
def reporter(window, monkeypatch, tmp_path):
    """The app's hook, installed as the app installs it; bug reports go to a private folder."""
    monkeypatch.setenv("EVIDENCE_VAULT_LOG_DIR", str(tmp_path / "logs"))
    hook = crash.CrashReporter(window).install()
    yield hook
    hook.uninstall()
    if hook.dialog is not None:
        hook.dialog.close()


def _report_of(reporter, tmp_path) -> str:
    [report] = list((tmp_path / "logs").iterdir())
    assert reporter.reports == [report]
    return report.read_text(encoding="utf-8")


def test_a_bug_while_making_a_bundle_ends_with_the_failure_shown_and_the_panel_gone(
        window, qtbot, tmp_path, reporter):
    vault = open_vault(window)
    vault.add_incident(vault.cases()[0], kind="phone_call", text="Parent rang.", occurred_at="2026-11-20T16:30:00Z")
    window.reload_items()
    dialog = window.bundles.export_bundle()
    dialog.out_path.setText(str(tmp_path / "bundle\x00.pdf"))
    with qtbot.waitSignal(window.export_finished, timeout=120_000) as done:
        dialog.accept()
        assert window.main.progress.isVisible()
    assert done.args == [""]
    assert not window.main.progress.isVisible()  # never up for ever
    assert window.main.banner.text.text() == BUG_NO_BUNDLE
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=10_000)
    report = _report_of(reporter, tmp_path)
    assert "Where: the desktop app" in report and "ValueError: embedded null byte" in report
    assert str(reporter.reports[0]) in reporter.dialog.text()
    assert not list(tmp_path.glob("*.pdf"))


def test_a_bug_while_adding_files_ends_with_the_failure_shown(window, qtbot, tmp_path, reporter):
    with qtbot.waitSignal(window.import_finished, timeout=60_000) as done:
        window.items.import_files([tmp_path / "photo\x00.png"])
    assert done.args == [[]] and window.items.import_task is None
    assert window.main.banner.text.text().startswith("Something went wrong inside Evidence Vault")
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=10_000)
    assert "ValueError: embedded null byte" in _report_of(reporter, tmp_path)
    assert open_vault(window).items() == []


def test_a_bug_in_a_browser_call_reports_failure_and_is_raised(window, qtbot, tmp_path, reporter):
    call = _Call(lambda: (tmp_path / "never written.json").read_bytes(), window)
    with qtbot.waitSignal(call.done, timeout=10_000) as done:
        call.start()
    assert done.args == [BUG_NOT_OPENED]
    call.wait()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=10_000)
    assert "FileNotFoundError" in _report_of(reporter, tmp_path)


def test_the_excepthook_writes_a_report_and_shows_the_crash_dialog(window, qtbot, tmp_path, reporter):
    assert sys.excepthook == reporter.hook
    QTimer.singleShot(0, lambda: (tmp_path / "missing.txt").read_text())  # a bug in a slot, on the window's thread
    qtbot.waitUntil(lambda: reporter.dialog is not None and reporter.dialog.isVisible(), timeout=10_000)
    box = reporter.dialog
    assert box.windowTitle() == crash.TITLE
    text = box.text()
    report = _report_of(reporter, tmp_path)
    assert "FileNotFoundError" in report and "missing.txt" in report
    assert text.startswith("Evidence Vault met a problem in its own program (a bug)")
    assert "Everything already saved in your vault is safe" in text and "may be lost" in text
    assert str(reporter.reports[0]) in text
    assert "Traceback" not in text  # the details are in the file, not on the screen


def test_a_report_that_cannot_be_written_is_said_plainly(tmp_path, monkeypatch):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    monkeypatch.setenv("EVIDENCE_VAULT_LOG_DIR", str(blocked))
    try:
        (tmp_path / "missing").read_bytes()
    except FileNotFoundError as exc:
        path, why = crash.report_bug(exc)
    assert path is None and why
    text = crash.crash_text(path, why)
    assert "could not be written to a file" in text and "Everything already saved" in text


def test_a_picture_that_cannot_be_decoded_is_a_calm_project_error_not_a_bug(qtbot):
    """details.py and pictures.py catch the project's errors only: Pillow's are mapped here."""
    from evidence_vault import EvidenceVaultError

    from ui.pictures import PictureUnreadable, ThumbnailCache, open_picture

    with pytest.raises(PictureUnreadable) as refused:
        open_picture(b"\x89PNG\r\n\x1a\n but not the rest of a picture")
    assert isinstance(refused.value, EvidenceVaultError) and "cannot be shown" in str(refused.value)
    cache = ThumbnailCache(lambda _item_id, _role: b"GIF89a, then nothing")

    class Item:  # the two fields picture_role reads
        id, state, kind, info = 7, "active", "web_capture", {}

    try:
        with qtbot.waitSignal(cache.ready, timeout=10_000) as ready:
            assert cache.get(Item()) is None
        assert ready.args == [7] and cache.get(Item()) is None  # no thumbnail, and no bug raised
    finally:
        cache.shutdown()
