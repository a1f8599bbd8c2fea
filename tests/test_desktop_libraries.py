# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What Qt's X11 plugin needs from the system, read from the plugin itself, and the table that
names each library's Debian/Ubuntu package (evidence_vault/desktop_libraries.py).

The three libraries a desktop often lacks are hidden in a private mount namespace (an empty
file bound over each), so these are fresh-machine tests on a machine that has everything.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault import desktop_libraries as libs

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the X11 plugin is Linux's")

OFTEN_MISSING = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
                 "libxcb-keysyms.so.1": "libxcb-keysyms1"}


@pytest.fixture(scope="module")
def plugin() -> Path:
    found = libs.platform_plugin("xcb")
    assert found is not None, "PySide6's xcb plugin is not installed"
    return found


@pytest.fixture(scope="module")
def system_paths(plugin) -> dict[str, Path]:
    """Where this machine has each library the plugin needs (all of them: setup installs them)."""
    needed = libs.needed_libraries(plugin)
    assert [n.name for n in needed if n.path is None] == [], "run scripts/setup.sh first"
    return {n.name: n.path for n in needed}


def test_the_table_knows_every_library_the_plugin_needs(plugin):
    """The table cannot fall behind PySide6: a library a new Qt needs fails this test."""
    needed = [n.name for n in libs.needed_libraries(plugin)]
    assert set(OFTEN_MISSING) <= set(needed)
    assert [name for name in needed if name not in libs.PACKAGES] == []
    assert set(libs.NOT_ON_EVERY_DESKTOP) <= set(needed)


def test_the_table_names_the_package_that_holds_each_library(system_paths):
    """Checked against dpkg's own records for the files this machine has."""
    if shutil.which("dpkg") is None:
        pytest.skip("not a Debian or Ubuntu system: no dpkg records to check the table against")
    # dpkg records a file under one of its two names on a merged /usr (/lib is /usr/lib)
    names = {}
    for name, path in system_paths.items():
        real = str(path.resolve())
        names[real] = names[real.replace("/usr/lib/", "/lib/", 1)] = name
    done = subprocess.run(["dpkg", "-S", *names], capture_output=True, text=True)
    owners = {}
    for line in done.stdout.splitlines():
        package, _, path = line.partition(": ")
        if path in names:
            owners[names[path]] = package.split(":")[0].removesuffix("t64")
    assert set(owners) == set(system_paths), f"dpkg does not know who installed some: {done.stderr}"
    assert {name: libs.PACKAGES[name] for name in owners} == owners


def test_nothing_is_missing_here_and_the_plugin_loads(plugin):
    assert libs.missing_libraries(plugin) == []
    assert libs.load_error(plugin) is None


def test_with_three_libraries_hidden_setup_is_told_exactly_those(hide_files, plugin, system_paths):
    hidden = [system_paths[name] for name in OFTEN_MISSING]
    done = subprocess.run(hide_files(hidden, [sys.executable, "-m", "evidence_vault.desktop_libraries"]),
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [f"{name} {package}" for name, package in OFTEN_MISSING.items()]


def test_an_empty_file_where_the_loader_looks_first_counts_as_missing(plugin, tmp_path):
    """The loader stops at a file it cannot read ("file too short"), so must the check."""
    (tmp_path / "libxcb-icccm.so.4").write_bytes(b"")
    missing = libs.missing_libraries(plugin, env={"LD_LIBRARY_PATH": str(tmp_path)})
    assert missing == [libs.MissingLibrary("libxcb-icccm.so.4", "libxcb-icccm4", "libqxcb.so")]


def test_a_library_built_for_another_machine_is_passed_over(plugin, system_paths, tmp_path):
    """As the loader does: a library of another machine type is skipped, the search goes on."""
    data = bytearray(system_paths["libxcb-icccm.so.4"].read_bytes())
    machine = 18  # e_machine, two bytes little-endian (x86-64: 62, AArch64: 183)
    data[machine:machine + 2] = (183 if data[machine] != 183 else 62).to_bytes(2, "little")
    (tmp_path / "libxcb-icccm.so.4").write_bytes(bytes(data))
    needed = {n.name: n.path for n in libs.needed_libraries(plugin, env={"LD_LIBRARY_PATH": str(tmp_path)})}
    assert needed["libxcb-icccm.so.4"] == system_paths["libxcb-icccm.so.4"]


def test_a_library_on_the_library_path_is_found_there_first(plugin, system_paths, tmp_path):
    shutil.copy(system_paths["libxcb-keysyms.so.1"], tmp_path / "libxcb-keysyms.so.1")
    needed = {n.name: n.path for n in libs.needed_libraries(plugin, env={"LD_LIBRARY_PATH": str(tmp_path)})}
    assert needed["libxcb-keysyms.so.1"] == tmp_path / "libxcb-keysyms.so.1"


@pytest.mark.parametrize("env, platform, expected", [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:nograb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb;wayland"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),  # the setting wins
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", False),  # a Wayland session
    ({"XDG_SESSION_TYPE": "wayland"}, "linux", False),
    ({"XDG_SESSION_TYPE": "x11", "DISPLAY": ":0"}, "linux", True),
    ({}, "win32", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "darwin", False),
])
def test_when_qt_will_draw_through_x11(env, platform, expected):
    assert libs.qt_will_use_xcb(env, platform) is expected


def test_the_message_names_the_libraries_and_the_exact_command(monkeypatch, tmp_path):
    missing = [libs.MissingLibrary(name, package, "libqxcb.so") for name, package in OFTEN_MISSING.items()]
    if shutil.which("apt-get"):
        text = libs.describe(missing)
        assert "libxcb-cursor.so.0, libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
        command = "apt-get install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1"
        assert ("sudo " if os.geteuid() != 0 else "") + command in text
        assert libs.install_command(missing, as_root=False) == "sudo " + command
    monkeypatch.setenv("PATH", str(tmp_path))  # a system without apt-get
    text = libs.describe(missing)
    assert "apt-get" not in text and "package manager" in text and "libxcb-keysyms.so.1" in text
