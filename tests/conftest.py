# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for every test, and those several test folders share: an X server, a vault made once
per session and a private copy of it per test."""

import os
import shutil
from pathlib import Path

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """One per-user cache folder for the whole run (the driver's compiled code: no test data),
    and one log folder (bug reports), so the tests never write to the real ones."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        patch.setenv("EVIDENCE_VAULT_LOG_DIR", str(tmp_path_factory.mktemp("log")))
        yield


@pytest.fixture(autouse=True)
def _private_config_dir(tmp_path_factory, monkeypatch):
    """Each test gets its own per-user config folder (in-process and in CLI subprocesses, which
    keep XDG_CONFIG_HOME), so nothing a test remembers about vaults reaches the real one."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("xdg-config")))


@pytest.fixture(scope="session")
def hide_files(tmp_path_factory):
    """``hide_files(paths, argv, replace={})``: the command that runs ``argv`` in a private
    mount namespace (``unshare -m``) where an empty file is bound over each of ``paths`` (as if
    its package had been removed, on a machine that has it) and ``replace`` binds other files
    over theirs. The machine itself is not touched. Skips, saying why, where ``unshare -m`` is
    not permitted (it needs root, as CI has)."""
    import shlex
    import shutil
    import subprocess
    from pathlib import Path

    unshare = shutil.which("unshare")
    probe = subprocess.run([unshare, "-m", "true"], capture_output=True, text=True) if unshare else None
    if probe is None or probe.returncode != 0:
        why = probe.stderr.strip() if probe is not None else "unshare is not installed"
        pytest.skip(f"hiding files needs `unshare -m`, which is not permitted here (needs root): {why}")
    empty = tmp_path_factory.mktemp("hidden") / "empty"
    empty.write_bytes(b"")
    empty.chmod(0o644)

    def command(paths, argv, replace=None):
        mounts = [(Path(p).resolve(), empty) for p in paths]
        mounts += [(Path(t).resolve(), Path(s)) for t, s in (replace or {}).items()]
        script = "".join(f"mount --bind {shlex.quote(str(s))} {shlex.quote(str(t))} || exit 97\n"
                         for t, s in mounts)
        return [unshare, "-m", "sh", "-c", script + 'exec "$@"', "sh", *map(str, argv)]

    return command


# -- shared by the test folders -----------------------------------------------------------------

def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def unavailable():
    """``unavailable(why)``: what a test does when something it needs is not on this machine:
    skip on a developer's machine, fail under CI (``CI`` set, as CI services do), where the
    README's test command installs everything and a missing piece is a broken set-up that a
    skip would hide."""
    def stop(why: str):
        if _in_ci():
            pytest.fail(f"{why} (under CI this is a failure, not a skip)")
        pytest.skip(why)

    return stop


@pytest.fixture(scope="session")
def xvfb(unavailable):
    """A real X server (Xvfb), started once, for the headed evidence browser and the window on
    xcb; DISPLAY points at it while it runs. Its display name (":N")."""
    import shutil
    import subprocess

    xvfb_bin = shutil.which("Xvfb")
    if xvfb_bin is None:
        unavailable("Xvfb is not installed (scripts/setup.sh --system-deps installs it)")
    read_fd, write_fd = os.pipe()
    # -displayfd: Xvfb picks a free display and writes its number once it accepts clients.
    proc = subprocess.Popen(
        [xvfb_bin, "-displayfd", str(write_fd), "-screen", "0", "1366x900x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        display = pipe.readline().strip()
    if not display:
        proc.kill()
        proc.wait(timeout=10)
        pytest.fail("Xvfb is installed but did not start")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISPLAY", f":{display}")
        yield f":{display}"
    proc.terminate()
    proc.wait(timeout=10)


DEFAULT_PASSPHRASE = "correct horse battery staple"  # tests/*/…_support.py modules repeat it


@pytest.fixture(scope="session")
def make_vault_template(tmp_path_factory):
    """``make_vault_template(case=…, passphrase=…, owner=(name, role), fill=None)``: a vault made
    once (Argon2id is slow on purpose and never weakened here) with one case, then
    ``fill(vault, case)`` if given; returns its folder. Tests use copies (``vault_dir``)."""
    from evidence_vault import Vault

    def make(*, case: str = "Test case", passphrase: str = DEFAULT_PASSPHRASE,
             owner: tuple[str, str] = ("Test Teacher", "Teacher"), fill=None) -> Path:
        folder = tmp_path_factory.mktemp("vault-template") / "vault"
        vault, _recovery = Vault.create(folder, passphrase, owner_name=owner[0], owner_role=owner[1])
        with vault:
            made = vault.add_case(case)
            if fill is not None:
                fill(vault, made)
        return folder

    return make


@pytest.fixture(scope="session")
def vault_template(make_vault_template) -> Path:
    """The session's vault: one case, "Test case". A test folder whose tests need another vault
    defines its own ``vault_template``; ``vault_dir`` copies whichever is nearest."""
    return make_vault_template()


@pytest.fixture
def vault_dir(vault_template, tmp_path, monkeypatch) -> Path:
    """A private byte-for-byte copy of ``vault_template``, closed (a copy keeps the vault id and
    keys, which is exactly what a backup or a USB copy does). The developer's own
    EVIDENCE_VAULT_* settings (vault folder, passphrase, config folder) are cleared, so a CLI run
    sees only what the test gives it; the session's private cache and log folders stay."""
    target = tmp_path / "vault"
    shutil.copytree(vault_template, target)
    keep = ("EVIDENCE_VAULT_CACHE_DIR", "EVIDENCE_VAULT_LOG_DIR")
    for name in [n for n in os.environ if n.startswith("EVIDENCE_VAULT_") and n not in keep]:
        monkeypatch.delenv(name)
    return target
