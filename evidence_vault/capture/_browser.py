# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding a browser, and the app-owned temporary folder each browser run lives in.

Evidence must never sit in plaintext on disk. Browser contexts are non-persistent (Chromium
keeps their cache and cookies in memory), but the browser still needs a profile folder and
a temporary folder. We put both inside one folder per run, ``ev-browser-<pid>-<random>``
under the caller's ``temp_root``, remove it when the worker closes, and remove folders left
by runs that crashed (their process id no longer exists) the next time a worker starts.
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
import shutil
import sys
import tempfile
import threading
from collections.abc import Mapping
from pathlib import Path

from evidence_vault import paths
from evidence_vault.errors import BrowserNotFoundError, StorageError, UsageError

ENV_BROWSER = "EVIDENCE_VAULT_BROWSER"
SESSION_PREFIX = "ev-browser-"
_SESSION_RE = re.compile(r"^ev-browser-(\d+)-[0-9a-f]+$")

INSTALL_HINT = (
    "No web browser that Evidence Vault can use was found. Install Chromium "
    "(on Debian or Ubuntu: sudo apt install chromium), Google Chrome "
    "(https://www.google.com/chrome/) or Microsoft Edge, then try again. If one is installed "
    f"in an unusual place, set {ENV_BROWSER} to the full path of its program file."
)

#: Flags for an evidence browser on a closed network: no background connections that would
#: fail (or leak that a capture is happening), no first-run UI, no GPU (software rendering
#: gives the same pixels on every machine), no QUIC so TLS details come from one stack.
LAUNCH_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-quic",
    "--disable-gpu",
    "--disable-breakpad",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--password-store=basic",
    "--use-mock-keychain",
    "--metrics-recording-only",
]
# Not here: --disable-features. Playwright passes its own list (HttpsUpgrades among them, so
# an http:// address is not silently upgraded) and a second flag would replace it.

#: Extra flags for the test suite only (a resolver that never leaves the machine, one
#: trusted test certificate). The product never sets this.
TEST_ONLY_EXTRA_ARGS: list[str] = []


def find_browser(env: Mapping[str, str] | None = None) -> Path:
    """Return the program file of a Chromium-family browser, or raise BrowserNotFoundError.

    Order: ``$EVIDENCE_VAULT_BROWSER`` (an explicit choice wins), Playwright's own Chromium
    if installed, then the usual install places of Chromium, Chrome and Edge on this OS.
    """
    env = os.environ if env is None else env
    chosen = env.get(ENV_BROWSER, "").strip()
    if chosen:
        path = Path(chosen).expanduser()
        if path.is_file():
            return path
        raise BrowserNotFoundError(
            f"{ENV_BROWSER} is set to '{chosen}', but there is no program there. "
            "Correct it, or remove it to let Evidence Vault look for a browser itself."
        )
    for candidate in _playwright_chromium_candidates(env) + _system_candidates(env, sys.platform):
        if _runnable(candidate):
            return candidate
    raise BrowserNotFoundError(INSTALL_HINT)


def _runnable(path: Path) -> bool:
    """A program file that can be run: not a leftover empty or non-executable file where a
    browser used to be (that would fail later with a less helpful message)."""
    try:
        return path.is_file() and path.stat().st_size > 0 and os.access(path, os.X_OK)
    except OSError:
        return False


def _playwright_chromium_candidates(env: Mapping[str, str]) -> list[Path]:
    """Chromium builds that ``playwright install chromium`` put in its cache, newest first."""
    roots = []
    if env.get("PLAYWRIGHT_BROWSERS_PATH") not in (None, "", "0"):
        roots.append(Path(env["PLAYWRIGHT_BROWSERS_PATH"]))
    home = Path(env.get("HOME") or env.get("USERPROFILE") or "~").expanduser()
    if sys.platform == "darwin":
        roots.append(home / "Library" / "Caches" / "ms-playwright")
    elif sys.platform == "win32":
        roots.append(Path(env.get("LOCALAPPDATA", home / "AppData" / "Local")) / "ms-playwright")
    else:
        roots.append(Path(env.get("XDG_CACHE_HOME") or home / ".cache") / "ms-playwright")
    inner = [
        "chrome-linux64/chrome", "chrome-linux/chrome",
        "chrome-mac-arm64/Chromium.app/Contents/MacOS/Chromium",
        "chrome-mac/Chromium.app/Contents/MacOS/Chromium",
        "chrome-win64/chrome.exe", "chrome-win/chrome.exe",
    ]
    found: list[Path] = []
    for root in roots:
        try:
            builds = sorted(root.glob("chromium-*"), key=_revision, reverse=True)
        except OSError:
            continue
        found += [build / rel for build in builds for rel in inner]
    return found


def _revision(path: Path) -> int:
    digits = path.name.rpartition("-")[2]
    return int(digits) if digits.isdigit() else -1


def _system_candidates(env: Mapping[str, str], platform: str) -> list[Path]:
    if platform == "win32":
        bases = [env.get(k) for k in ("PROGRAMFILES", "PROGRAMFILES(X86)", "LOCALAPPDATA")]
        rels = [
            r"Google\Chrome\Application\chrome.exe",
            r"Microsoft\Edge\Application\msedge.exe",
            r"Chromium\Application\chrome.exe",
        ]
        return [Path(b) / r for b in bases if b for r in rels]
    if platform == "darwin":
        apps = [
            "Google Chrome.app/Contents/MacOS/Google Chrome",
            "Chromium.app/Contents/MacOS/Chromium",
            "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
        ]
        home = Path(env.get("HOME") or "~").expanduser()
        return [Path("/Applications") / a for a in apps] + [home / "Applications" / a for a in apps]
    names = [
        "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
        "microsoft-edge", "microsoft-edge-stable",
    ]
    on_path = [shutil.which(n, path=env.get("PATH", os.defpath)) for n in names]
    fixed = [
        "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium",
        "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
        "/usr/bin/microsoft-edge", "/opt/microsoft/msedge/msedge",
    ]
    return [Path(p) for p in on_path if p] + [Path(p) for p in fixed]


def browser_name(path: Path) -> str:
    """A human name for the metadata, from the program's path."""
    text = str(path).lower()
    if "edge" in text:
        return "Microsoft Edge"
    if "google" in text or text.endswith("chrome.exe") and "chromium" not in text:
        return "Google Chrome"
    return "Chromium"


EXAMPLE_DEVICES = ("iPhone 13", "Pixel 7", "iPad Pro 11", "Galaxy S9+", "Desktop Chrome")


def device_descriptor(devices: Mapping[str, dict], name: str) -> dict:
    """Playwright's descriptor for ``name``, ready for ``new_context``; UsageError if unknown."""
    if name not in devices:
        close = difflib.get_close_matches(name, list(devices), n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UsageError(
            f"Unknown device '{name}'.{hint} Valid names include: {', '.join(EXAMPLE_DEVICES)}."
        )
    descriptor = dict(devices[name])
    descriptor.pop("default_browser_type", None)  # a hint for test runners, not an option
    return descriptor


# --- the per-run temporary folder -------------------------------------------------------


def make_session_dir(temp_root: Path) -> Path:
    """Create ``temp_root/ev-browser-<pid>-<random>`` (owner-only) after sweeping stale ones."""
    try:
        temp_root.mkdir(parents=True, exist_ok=True)
        remove_stale_session_dirs(temp_root)
        path = temp_root / f"{SESSION_PREFIX}{os.getpid()}-{secrets.token_hex(6)}"
        path.mkdir(mode=0o700)
        return path
    except OSError as exc:
        raise StorageError(
            f"Evidence Vault could not create its temporary folder in {temp_root} "
            "(the disk may be full or not writable)."
        ) from exc


def remove_stale_session_dirs(temp_root: Path) -> list[Path]:
    """Delete run folders whose owning process has gone (a crash or a kill left them)."""
    removed = []
    try:
        entries = list(temp_root.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _SESSION_RE.match(entry.name)
        if not match or not entry.is_dir():
            continue
        if pid_alive(int(match.group(1))):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed.append(entry)
    return removed


def remove_session_dir(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


#: Chromium makes a Unix socket at $TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket and
#: aborts if that path exceeds the OS limit (108 bytes on Linux, 104 on macOS).
_MAX_TMPDIR_LEN = 100 - len("/org.chromium.Chromium.XXXXXX/SingletonSocket")
_ALIAS_RE = re.compile(r"^ev-[0-9a-f]{8}$")


def short_tmpdir(session_dir: Path) -> Path:
    """A path for the browser's TMPDIR short enough for its socket; data stays in session_dir.

    A deep ``temp_root`` (a user's cache folder, a test's tmp_path) makes the socket path
    too long. Then a symlink ``/tmp/ev-<random>`` pointing at the run folder is used as
    the name: only the name lives in /tmp, every file is written inside the run folder.
    """
    if os.name != "posix" or len(str(session_dir)) <= _MAX_TMPDIR_LEN:
        return session_dir
    base = Path("/tmp")
    _remove_dangling_aliases(base)
    alias = base / f"ev-{secrets.token_hex(4)}"
    try:
        alias.symlink_to(session_dir, target_is_directory=True)
    except OSError as exc:
        raise StorageError(
            "Evidence Vault could not prepare the browser's temporary folder (in /tmp)."
        ) from exc
    return alias


def remove_alias(alias: Path, session_dir: Path) -> None:
    if alias != session_dir and alias.is_symlink():
        try:
            alias.unlink()
        except OSError:
            pass


def _remove_dangling_aliases(base: Path) -> None:
    try:
        entries = list(base.iterdir())
    except OSError:
        return
    for entry in entries:
        if _ALIAS_RE.match(entry.name) and entry.is_symlink() and not entry.exists():
            try:
                entry.unlink()
            except OSError:
                pass


def pid_alive(pid: int) -> bool:
    """Whether a process with this id exists. Never signals it (os.kill on Windows would end it)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def browser_pids(session_dir: Path) -> list[int]:
    """Main browser processes of this run (see ``_processes``: psutil, every platform)."""
    from ._processes import browser_pids as pids

    return pids(session_dir)


def kill_browser(session_dir: Path) -> bool:
    """Forcefully end the browser of this run. Returns whether a process was found."""
    from ._processes import kill_browser as kill

    return kill(session_dir)


_ENV_LOCK = threading.Lock()


def start_playwright(session_dir: Path):
    """Start Playwright's driver with its temporary folder inside ``session_dir``.

    The driver creates the browser profile folder (``playwright_chromiumdev_profile-*``) in
    its own temporary folder and has no option for it; it reads ``TMPDIR`` when it starts,
    and it inherits our environment. So ``TMPDIR`` is set just for that moment. Python's
    own ``tempfile`` caches its folder first, so this process is not redirected.

    Node's compile cache (``NODE_COMPILE_CACHE``, see ``code_cache_env``) is set the same
    way: the driver is 14 MB of JavaScript that Node compiled afresh at every start, 0.55 s
    of a one-page capture's 3 s; with the cache it starts in about 0.39 s (bench/).
    """
    from playwright.sync_api import sync_playwright

    tempfile.gettempdir()
    names = ("TMPDIR", "TEMP", "TMP")
    extra = code_cache_env()
    with _ENV_LOCK:
        saved = {n: os.environ.get(n) for n in (*names, *extra)}
        try:
            for n in names:
                os.environ[n] = str(session_dir)
            os.environ.update(extra)
            return sync_playwright().start()
        finally:
            for n, value in saved.items():
                if value is None:
                    os.environ.pop(n, None)
                else:
                    os.environ[n] = value


def code_cache_env() -> dict[str, str]:
    """``NODE_COMPILE_CACHE`` for the driver: a folder of Node's compiled code of the driver's
    own files (``paths.driver_code_cache_dir``; no evidence, nothing about a vault), owner-only.
    Node checks each entry against the file it was compiled from and ignores a stale one.
    Nothing if the user set it already, or if the folder cannot be made (a read-only home):
    it is a speed-up only, and the driver starts as before without it."""
    if os.environ.get("NODE_COMPILE_CACHE"):
        return {}
    folder = paths.driver_code_cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return {}
    return {"NODE_COMPILE_CACHE": str(folder)}


def browser_env(session_dir: Path) -> dict[str, str]:
    """Environment of the browser process: ours, with temporary files kept in the run folder."""
    env = dict(os.environ)
    for n in ("TMPDIR", "TEMP", "TMP"):
        env[n] = str(session_dir)
    return env
