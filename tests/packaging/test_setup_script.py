# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The README's first command on a computer that lacks the window's system libraries:
`scripts/run.sh` installs them (through setup.sh) and the window opens on a real X display.

The three libraries a desktop often lacks are hidden in a private mount namespace (an empty
file bound over each). apt-get there is a stand-in that records what it was asked and, for
`install`, takes the empty files away again, which is what installing the packages does. So
the test sees the exact apt-get commands and that setup, the check and the window then agree.
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


@pytest.fixture(scope="module")
def hidden_libraries() -> list[Path]:
    assert (REPO / ".venv" / "bin" / "python").is_file(), "run scripts/setup.sh first"
    found = {n.name: n.path for n in libs.needed_libraries(libs.platform_plugin("xcb"))}
    assert all(found[name] for name in OFTEN_MISSING), "run scripts/setup.sh first"
    return [found[name].resolve() for name in OFTEN_MISSING]


def fake_apt_get(tmp_path: Path, hidden: list[Path]) -> tuple[Path, Path]:
    """(the stand-in program, the file it records its arguments in)."""
    log = tmp_path / "apt-get.log"
    program = tmp_path / "apt-get"
    unmount = " ".join(f"'{p}'" for p in hidden)
    program.write_text(f'#!/bin/sh\necho "$*" >> \'{log}\'\n'
                       f'if [ "$1" = install ]; then umount {unmount}; fi\n')
    program.chmod(0o755)
    return program, log


def env_for(display: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIRTUAL_ENV")}
    if display:
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb")
    return env


def test_run_sh_installs_what_the_window_lacks_then_opens_it(hide_files, hidden_libraries, tmp_path, x_display):
    apt_get, log = fake_apt_get(tmp_path, hidden_libraries)
    argv = hide_files(hidden_libraries, [str(REPO / "scripts" / "run.sh"), "gui", "--self-check"],
                      replace={"/usr/bin/apt-get": apt_get})
    done = subprocess.run(argv, cwd=tmp_path, env=env_for(x_display), capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout + done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("Installing")]
    assert said == ["Installing libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 (system libraries the "
                    "Evidence Vault window needs to draw on the screen; missing: libxcb-cursor.so.0 "
                    "libxcb-icccm.so.4 libxcb-keysyms.so.1)"]
    assert log.read_text().splitlines() == [
        "update -qq", "install -y -qq --no-install-recommends libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"]
    assert "self-check ok" in done.stdout


def test_setup_with_nothing_missing_installs_nothing(hide_files, tmp_path):
    apt_get, log = fake_apt_get(tmp_path, [])
    argv = hide_files([], [str(REPO / "scripts" / "setup.sh")], replace={"/usr/bin/apt-get": apt_get})
    done = subprocess.run(argv, cwd=tmp_path, env=env_for(), capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not log.exists()


def test_without_apt_get_setup_lists_the_libraries_and_exits_4(hide_files, hidden_libraries, tmp_path):
    argv = hide_files([*hidden_libraries, "/usr/bin/apt-get"], [str(REPO / "scripts" / "setup.sh")])
    done = subprocess.run(argv, cwd=tmp_path, env=env_for(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 4, done.stdout + done.stderr
    assert ("The Evidence Vault window needs these system libraries, which this computer lacks: "
            "libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-keysyms.so.1.") in done.stderr
    assert "package manager" in done.stderr


def test_run_sh_reads_relative_paths_from_the_folder_it_was_run_in(tmp_path):
    """A new user ran ``scripts/run.sh add-file … Screenshot.png`` beside the picture and was told
    there was no such file: the script had moved into the project's folder first."""
    from PIL import Image

    Image.new("RGB", (32, 24), (200, 40, 40)).save(tmp_path / "beside-me.png")
    done = subprocess.run([str(REPO / "scripts" / "run.sh"), "hash-image", "beside-me.png"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=600, env={**os.environ, "PYTHONUTF8": "1"})
    assert done.returncode == 0, done.stderr
    assert "pdq" in done.stdout.lower() or "sha256" in done.stdout.lower(), done.stdout
