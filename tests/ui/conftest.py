# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the desktop app tests: the real window over a real vault in tmp_path.

The window is driven the way a person drives it (typing into its fields, pressing its
buttons and shortcuts); outcomes are asserted on the vault's contents afterwards. Captures
use the capture tests' real site on 127.0.0.1 and Debian's Chromium.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "capture"))

from capture_site import CHROMIUM, start_site, stop_site  # noqa: E402

from evidence_vault.capture import _browser  # noqa: E402

from ui_support import CASE, PASSPHRASE, open_vault, unlock  # noqa: E402,F401


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    site = start_site(tmp_path_factory.mktemp("certs"))
    yield site
    stop_site(site)


@pytest.fixture(scope="session")
def test_flags(site):
    """No name but localhost resolves inside Chromium, so no test can reach the internet."""
    _browser.TEST_ONLY_EXTRA_ARGS[:] = [
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
        f"--ignore-certificate-errors-spki-list={site.trusted_spki}",
    ]
    yield
    _browser.TEST_ONLY_EXTRA_ARGS.clear()


@pytest.fixture(scope="session")
def vault_template(make_vault_template) -> Path:
    """A vault with one case, made by the library (the window opens it like any vault);
    ``vault_dir`` (tests/conftest.py) gives each test a copy."""
    return make_vault_template(case=CASE, passphrase=PASSPHRASE, owner=("Sam Teacher", "Teacher"))


@pytest.fixture
def app_settings(tmp_path):
    from ui.settings import AppSettings

    return AppSettings(browser_path=str(CHROMIUM))


@pytest.fixture
def make_window(qtbot, app_settings):
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    made = []

    def make(vault_dir: Path | None = None):
        window = MainWindow(QApplication.instance(), vault_dir=vault_dir, settings=app_settings)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        made.append(window)
        return window

    yield make
    for window in made:
        if window.captures.task is not None:
            window.captures.task.cancel()
            window.captures.task.wait()
        window.close()


@pytest.fixture
def window(make_window, vault_dir, qtbot):
    """The window, unlocked on ``vault_dir`` through its unlock page."""
    w = make_window(vault_dir)
    unlock(w, qtbot)
    return w


def pytest_collection_modifyitems(config, items):
    """The offscreen platform warns that it cannot pass size hints to a window manager it
    does not have, nor raise a window above others; those messages are about the test
    platform, not the app."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints",
                                                      "This plugin does not support raise"))
