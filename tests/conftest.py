# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for every test."""

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """One per-user cache folder for the whole run (the driver's compiled code: no test data),
    so the tests never write to the real one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVIDENCE_VAULT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
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
