# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`evidence-vault gui` on a computer that cannot show the window says why in words and exits 4
(ui/preflight.py): never Qt's "Reinstalling the application may fix this problem", never the
abort (-6).

The libraries a desktop often lacks are hidden in a private mount namespace (an empty file
bound over each), so this is a fresh-machine test on a machine that has everything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault import desktop_libraries as libs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 plugin is Linux's")

REPO = Path(__file__).resolve().parents[2]
OFTEN_MISSING = ("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")
COMMAND = "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"


@pytest.fixture(scope="module")
def hidden_libraries() -> list[Path]:
    plugin = libs.platform_plugin("xcb")
    found = {n.name: n.path for n in libs.needed_libraries(plugin)}
    assert all(found[name] for name in OFTEN_MISSING), "run scripts/setup.sh first"
    return [found[name] for name in OFTEN_MISSING]


def gui(*args: str, argv_wrap=None, **env: str) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-c", "from ui.entry import run; run()", "gui", *args]
    environment = {**os.environ, **env}
    return subprocess.run(argv_wrap(argv) if argv_wrap else argv, cwd=REPO, env=environment,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


def assert_said_in_words(done: subprocess.CompletedProcess) -> None:
    assert done.returncode == 4, (done.returncode, done.stderr)
    assert "Reinstalling" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("evidence-vault: the window cannot open")


def test_the_window_opens_on_x11_with_everything_installed(xvfb):
    """The control: the same command on the same display, nothing hidden."""
    done = gui("--self-check", QT_QPA_PLATFORM="xcb", DISPLAY=xvfb)
    assert done.returncode == 0, done.stderr
    assert "self-check ok" in done.stdout


@pytest.mark.parametrize("args", [(), ("--self-check",)], ids=["gui", "self-check"])
def test_without_the_libraries_it_names_them_and_the_command_that_installs_them(
        hide_files, hidden_libraries, xvfb, args):
    done = gui(*args, argv_wrap=lambda argv: hide_files(hidden_libraries, argv),
               QT_QPA_PLATFORM="xcb", DISPLAY=xvfb)
    assert_said_in_words(done)
    for name in OFTEN_MISSING:
        assert name in done.stderr
    assert done.stderr.endswith(": " + ("sudo " if os.geteuid() != 0 else "") + COMMAND + "\n")


def test_x11_is_the_default_when_nothing_says_otherwise(hide_files, hidden_libraries, xvfb):
    env = {k: v for k, v in os.environ.items()
           if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    argv = hide_files(hidden_libraries, [sys.executable, "-c", "from ui.entry import run; run()", "gui"])
    done = subprocess.run(argv, cwd=REPO, env={**env, "DISPLAY": xvfb}, capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)
    assert_said_in_words(done)
    assert COMMAND in done.stderr


def test_offscreen_does_not_need_them(hide_files, hidden_libraries):
    done = gui("--self-check", argv_wrap=lambda argv: hide_files(hidden_libraries, argv),
               QT_QPA_PLATFORM="offscreen")
    assert done.returncode == 0, done.stderr
    assert "self-check ok" in done.stdout


def test_no_display_to_connect_to_is_said_in_words_not_aborted(tmp_path):
    """Qt's own fatal error (the plugin loads, but there is no X server) becomes one line."""
    nowhere = f":{9000 + os.getpid() % 500}"
    assert not Path(f"/tmp/.X11-unix/X{nowhere[1:]}").exists()
    done = gui("--self-check", QT_QPA_PLATFORM="xcb", DISPLAY=nowhere)
    assert_said_in_words(done)
    assert f"DISPLAY={nowhere}" in done.stderr
    unset = gui(QT_QPA_PLATFORM="xcb", DISPLAY="")
    assert_said_in_words(unset)
    assert "DISPLAY is not set" in unset.stderr
