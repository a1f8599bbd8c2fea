# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Which system libraries the window needs on Linux, which of them this computer lacks, and
the Debian/Ubuntu package that provides each.

Why: Qt draws windows on an X11 desktop through its ``xcb`` platform plugin, which needs a
dozen ``libxcb-*`` libraries from the system. PySide6's wheels do not carry them, and a
desktop may lack some (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1 are often missing).
Without them Qt prints "Reinstalling the application may fix this problem" and aborts, which
is the wrong advice. Three places ask this module instead:

- ``scripts/setup.sh`` (and so ``run.sh`` and ``test.sh``) runs ``python -m
  evidence_vault.desktop_libraries`` and installs the packages it prints;
- ``evidence-vault gui`` (ui/preflight.py) checks before Qt starts and says what to install;
- ``build.spec`` makes sure the desktop build carries the libraries that are not part of
  every Linux desktop (``NOT_ON_EVERY_DESKTOP``).

What is needed is read from the plugin itself: its ELF ``NEEDED`` entries and those of the
libraries it loads from PySide6's own folder (Qt's libraries), so a new Qt release that needs
a new library is noticed, not hidden by a hand-kept list. Each name is looked for the way the
dynamic loader looks for it (RPATH, ``LD_LIBRARY_PATH``, RUNPATH, the folders of
``/etc/ld.so.conf``, the default folders), and a file found there must be a loadable ELF
library of the plugin's class and machine: an empty or truncated file counts as missing, as
it does for the loader. Libraries from the system are not followed further: the package
that provides one brings what it needs.

``dpkg -S`` cannot name the package of a file that is not there, so ``PACKAGES`` maps each
library name to its package; tests/test_desktop_libraries.py checks that every library the
plugin needs is in it, so the table cannot fall behind PySide6.

The module never imports Qt (the core does not): it reads files.
"""

from __future__ import annotations

import ctypes
import glob
import importlib.util
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

#: Library file name (soname) -> the Debian/Ubuntu package that provides it. Every library
#: that Qt's xcb platform plugin needs from the system, directly or through Qt's own
#: libraries. (Ubuntu 24.04 renamed some packages with a "t64" suffix; apt-get installs the
#: renamed package when given the old name.)
PACKAGES: dict[str, str] = {
    # X11 and its xcb extensions
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    # drawing, fonts, the desktop bus
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
    # the C and C++ runtimes (always there; listed so the table is complete)
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "librt.so.1": "libc6",
    "libpthread.so.0": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libstdc++.so.6": "libstdc++6",
    "libgcc_s.so.1": "libgcc-s1",
}

#: The libraries the plugin needs that are not part of every Linux desktop (the xcb utility
#: libraries and xkbcommon's X11 half). The desktop build carries them (build.spec), so the
#: built folder opens its window on a computer without them. The rest (libX11, libxcb, GL,
#: fontconfig...) come with any X11 desktop.
NOT_ON_EVERY_DESKTOP: tuple[str, ...] = (
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-image.so.0", "libxcb-keysyms.so.1",
    "libxcb-render-util.so.0", "libxcb-util.so.1", "libxkbcommon-x11.so.0",
)

_DEFAULT_DIRS = ("/lib64", "/usr/lib64", "/lib", "/usr/lib")


@dataclass(frozen=True)
class MissingLibrary:
    """A library the plugin needs that this computer lacks (or has only as a broken file)."""

    name: str            # the file name the loader looks for, e.g. "libxcb-icccm.so.4"
    package: str | None  # the Debian/Ubuntu package that provides it; None if not in PACKAGES
    needed_by: str       # the file name of the library that needs it


@dataclass(frozen=True)
class _Elf:
    needed: tuple[str, ...]
    rpath: tuple[str, ...]
    runpath: tuple[str, ...]
    kind: tuple[str, str]  # (class, machine): a library must match the plugin's


def _kind(elf) -> tuple[str, str]:
    return f"ELFCLASS{elf.elfclass}", str(elf["e_machine"])


def _read_kind(path: Path) -> tuple[str, str] | None:
    """The class and machine of an ELF file; None when it is not one (empty, truncated, not
    ELF), which the loader would refuse too. Reads only the header."""
    from elftools.common.exceptions import ELFError  # pyelftools: only when a check runs
    from elftools.elf.elffile import ELFFile

    try:
        with open(path, "rb") as f:
            elf = ELFFile(f)
            if elf.num_segments() == 0:
                return None
            return _kind(elf)
    except (ELFError, OSError):
        return None


def _read_elf(path: Path) -> _Elf | None:
    """The dynamic section of ``path``; None when it is not a usable ELF file."""
    from elftools.common.exceptions import ELFError
    from elftools.elf.elffile import ELFFile

    try:
        with open(path, "rb") as f:
            elf = ELFFile(f)
            needed: list[str] = []
            rpath: list[str] = []
            runpath: list[str] = []
            for segment in elf.iter_segments():
                if segment["p_type"] != "PT_DYNAMIC":
                    continue
                for tag in segment.iter_tags():
                    if tag.entry.d_tag == "DT_NEEDED":
                        needed.append(tag.needed)
                    elif tag.entry.d_tag == "DT_RPATH":
                        rpath += tag.rpath.split(":")
                    elif tag.entry.d_tag == "DT_RUNPATH":
                        runpath += tag.runpath.split(":")
            return _Elf(tuple(needed), tuple(rpath), tuple(runpath), _kind(elf))
    except (ELFError, OSError):
        return None


def _expand(entries: tuple[str, ...], origin: Path) -> list[Path]:
    dirs = []
    for entry in entries:
        if entry:
            dirs.append(Path(entry.replace("${ORIGIN}", str(origin)).replace("$ORIGIN", str(origin))))
    return dirs


def _ld_so_conf_dirs(conf: Path = Path("/etc/ld.so.conf"), _seen: set[Path] | None = None) -> list[Path]:
    """The folders listed in /etc/ld.so.conf and the files it includes (what ld.so.cache
    indexes)."""
    seen = set() if _seen is None else _seen
    if conf in seen:
        return []
    seen.add(conf)
    try:
        lines = conf.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []
    dirs: list[Path] = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("hwcap "):
            continue
        if line.startswith("include "):
            pattern = line.split(None, 1)[1]
            if not os.path.isabs(pattern):
                pattern = str(conf.parent / pattern)
            for included in sorted(glob.glob(pattern)):
                dirs += _ld_so_conf_dirs(Path(included), seen)
        else:
            dirs.append(Path(line))
    return dirs


class _Resolver:
    """Finds a library by name as the dynamic loader would, for one plugin."""

    def __init__(self, env: Mapping[str, str]):
        self.ld_library_path = [Path(p) for p in env.get("LD_LIBRARY_PATH", "").split(":") if p]
        self.system_dirs = _ld_so_conf_dirs() + [Path(d) for d in _DEFAULT_DIRS]

    def find(self, name: str, needer: Path, needer_elf: _Elf, kind: tuple[str, str]) -> Path | None:
        """The library file the loader would take, or None if it finds none it can load."""
        origin = needer.parent
        dirs = []
        if not needer_elf.runpath:
            dirs += _expand(needer_elf.rpath, origin)
        dirs += self.ld_library_path
        dirs += _expand(needer_elf.runpath, origin)
        dirs += self.system_dirs
        for folder in dirs:
            candidate = folder / name
            if not candidate.exists():
                continue
            found = _read_kind(candidate)
            if found is None:
                return None  # a file the loader cannot read stops it (e.g. "file too short")
            if found == kind:
                return candidate
            # a library of another class or machine: the loader skips it and looks on
        return None


@dataclass(frozen=True)
class NeededLibrary:
    """A library the plugin needs from the system, and the file the loader would take."""

    name: str          # the file name the loader looks for, e.g. "libxcb-icccm.so.4"
    path: Path | None  # None: missing, or only a file the loader cannot load
    needed_by: str     # the file name of the library that needs it


def needed_libraries(plugin: Path, *, env: Mapping[str, str] | None = None,
                     home: Path | None = None) -> list[NeededLibrary]:
    """Every library the plugin needs from outside ``home``, directly or through libraries
    inside it, in the order first needed. ``home`` is the folder whose libraries belong to
    the app: PySide6's package folder (the default), or the desktop build's folder when
    frozen. Libraries inside it are followed; system ones are not."""
    env = os.environ if env is None else env
    if home is None:
        frozen = getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS")
        home = Path(sys._MEIPASS) if frozen else plugin.resolve().parents[3]
    home = home.resolve()
    top = _read_elf(plugin)
    if top is None:
        raise FileNotFoundError(f"{plugin} is not a readable library")
    resolver = _Resolver(env)
    found: dict[str, NeededLibrary] = {}
    queue = [(plugin, top)]
    visited = {plugin.resolve()}
    while queue:
        path, elf = queue.pop(0)
        for name in elf.needed:
            target = resolver.find(name, path, elf, top.kind)
            if target is not None and target.resolve().is_relative_to(home):
                if target.resolve() not in visited:
                    visited.add(target.resolve())
                    inner = _read_elf(target)
                    if inner is not None:
                        queue.append((target, inner))
                continue
            if name not in found or (target is None and found[name].path is not None):
                found[name] = NeededLibrary(name, target, path.name)
    return list(found.values())


def missing_libraries(plugin: Path, *, env: Mapping[str, str] | None = None,
                      home: Path | None = None) -> list[MissingLibrary]:
    """The libraries the plugin needs that this computer lacks, in the order first needed."""
    return [MissingLibrary(lib.name, PACKAGES.get(lib.name), lib.needed_by)
            for lib in needed_libraries(plugin, env=env, home=home) if lib.path is None]


def platform_plugin(name: str = "xcb") -> Path | None:
    """PySide6's platform plugin file (``libq<name>.so``), from the venv or from inside the
    desktop build; None when PySide6 is not installed or has no such plugin. Found without
    importing PySide6."""
    if getattr(sys, "frozen", False) and hasattr(sys, "_MEIPASS"):
        package = Path(sys._MEIPASS) / "PySide6"
    else:
        spec = importlib.util.find_spec("PySide6")
        if spec is None or not spec.submodule_search_locations:
            return None
        package = Path(list(spec.submodule_search_locations)[0])
    plugin = package / "Qt" / "plugins" / "platforms" / f"libq{name}.so"
    return plugin if plugin.is_file() else None


def load_error(plugin: Path) -> str | None:
    """None when the dynamic loader loads the plugin and everything it needs; else the
    loader's message. This loads Qt's libraries into the process, so it is for a process
    about to start Qt anyway (the app) or a throwaway one (setup.sh); it costs almost
    nothing there, where ``missing_libraries`` reads ELF files (a fifth of a second)."""
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        return str(exc)
    return None


def qt_will_use_xcb(env: Mapping[str, str] | None = None, platform: str = sys.platform) -> bool:
    """Whether Qt will draw the window through its xcb (X11) plugin.

    ``QT_QPA_PLATFORM`` decides when set (its first choice: "offscreen", "wayland", "xcb",
    ...; a list like "wayland;xcb" falls back to the next only if the first fails). When it
    is not set, Qt uses Wayland in a Wayland session (``WAYLAND_DISPLAY`` or
    ``XDG_SESSION_TYPE=wayland``) and X11 otherwise. Only Linux has the xcb plugin.
    """
    env = os.environ if env is None else env
    if not platform.startswith("linux"):
        return False
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return chosen.split(";")[0].split(":")[0].strip() == "xcb"
    wayland = env.get("WAYLAND_DISPLAY") or env.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    return not wayland


def install_command(missing: list[MissingLibrary], *, as_root: bool | None = None) -> str | None:
    """The exact command that installs the packages for ``missing`` on Debian or Ubuntu;
    None when there is no apt-get here or a library's package is not known."""
    if not missing or shutil.which("apt-get") is None or any(m.package is None for m in missing):
        return None
    root = (os.geteuid() == 0) if as_root is None else as_root
    packages = sorted({m.package for m in missing if m.package})
    return ("" if root else "sudo ") + "apt-get install " + " ".join(packages)


def describe(missing: list[MissingLibrary]) -> str:
    """One line for a person: what is missing, why it matters, and how to install it."""
    names = ", ".join(m.name for m in missing)
    what = (f"the window cannot open: this computer lacks {len(missing)} system "
            f"librar{'ies' if len(missing) > 1 else 'y'} that Qt needs to draw windows on a "
            f"Linux (X11) desktop: {names}.")
    them = "them" if len(missing) > 1 else "it"
    command = install_command(missing)
    if command:  # last on the line, so that it can be copied as it is
        return f"{what} Install {them}, then start Evidence Vault again: {command}"
    return (f"{what} Install {them} with your system's package manager (the packages are usually "
            "named after the libraries), then start Evidence Vault again.")


def main(argv: list[str] | None = None) -> int:
    """For scripts/setup.sh: one line per missing library, ``NAME PACKAGE`` (PACKAGE is "?"
    when not known); nothing when the plugin loads. Exit 0 either way; 4 if PySide6's xcb
    plugin is not installed."""
    if not sys.platform.startswith("linux"):
        return 0
    plugin = platform_plugin("xcb")
    if plugin is None:
        print("evidence-vault: PySide6's xcb platform plugin is not installed in this environment.",
              file=sys.stderr)
        return 4
    error = load_error(plugin)
    if error is None:
        return 0
    missing = missing_libraries(plugin)
    for m in missing:
        print(m.name, m.package or "?")
    if not missing:  # not a missing library: nothing to install; the app explains at start
        print(f"evidence-vault: warning: Qt's X11 plugin does not load here: {error}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
