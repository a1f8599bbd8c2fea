# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Nothing in clear outside the vault while a file is taken in (issue 18), as capture is tested.

``add-file`` runs as its own process with an audit hook (PEP 578) that records every file it
opens for writing, every folder it makes, every rename and every program it starts, and with
its temporary, home, configuration and working folders pointed at empty folders of the test.
Afterwards: every file written is inside the vault (or the remembered-vaults list), no program
was started (pikepdf would run jbig2dec on temporary files), and no folder holds the picture's
bytes or the file's own bytes in clear. Both a refused file and a kept one are tried, for each
kind of container the walker opens.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hostile_containers import CLEAN_PNG, FINDINGS, LISTED_PNG
from test_cli_safeguarding import CASE, load_list, write
from test_walker_findings import LIST_NAME, distinctive_slices, list_text

REPO = Path(__file__).resolve().parents[2]
HOOKED_CLI = textwrap.dedent("""
    import json, os, sys
    log = open(os.environ["EV_TEST_WRITES"], "a", buffering=1)
    WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
    def hook(event, args):
        if event == "open":
            path, mode, flags = args
            if isinstance(path, (str, bytes)) and (any(c in (mode or "") for c in "wax+") or (flags or 0) & WRITE):
                log.write(json.dumps(["write", os.fsdecode(path)]) + "\\n")
        elif event in ("os.mkdir", "os.rename", "os.replace", "shutil.copyfile", "shutil.move"):
            target = args[0] if event == "os.mkdir" else args[1]
            if isinstance(target, (str, bytes, os.PathLike)):
                log.write(json.dumps([event, os.fsdecode(target)]) + "\\n")
        elif event in ("subprocess.Popen", "os.posix_spawn", "os.exec", "os.system", "os.fork"):
            log.write(json.dumps(["program", repr(args)[:200]]) + "\\n")
    sys.addaudithook(hook)
    from evidence_vault.cli.main import main
    sys.exit(main(sys.argv[1:]))
""")

KINDS = ["docx", "pdf by reportlab (png)", "pdf attachment", "zip attached to a msg", "eml in eml as octet-stream",
         "svgz", "tar.gz", "jpeg exif thumbnail", "gif frame 65 of 130", "png with a zip appended"]


def files_under(root: Path):
    return [p for p in root.rglob("*") if p.is_file() and not p.is_symlink()]


@pytest.mark.parametrize("listed", [True, False], ids=["refused", "kept"])
@pytest.mark.parametrize("name", KINDS)
def test_intake_writes_nothing_in_clear_outside_the_vault(cli, vault_dir, tmp_path, name, listed):
    for folder in ("lists", "given"):
        (tmp_path / folder).mkdir()
    load_list(cli, tmp_path / "lists", list_text("sha256") + list_text("pdq"), name=LIST_NAME)
    picture = LISTED_PNG if listed else CLEAN_PNG
    file_name, body = FINDINGS[name][1](picture)
    given = write(tmp_path / "given" / file_name, body)
    roots = {name: tmp_path / name for name in ("tmp", "home", "config", "cache", "cwd")}
    for root in roots.values():
        root.mkdir()
    writes = tmp_path / "writes.jsonl"
    env = {**os.environ, "TMPDIR": str(roots["tmp"]), "HOME": str(roots["home"]),
           "XDG_CONFIG_HOME": str(roots["config"]), "XDG_CACHE_HOME": str(roots["cache"]),
           "EVIDENCE_VAULT_CACHE_DIR": str(roots["cache"]), "EV_TEST_WRITES": str(writes),
           "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", HOOKED_CLI, "--vault", str(vault_dir), "add-file",
                           "--case", CASE, str(given)], cwd=roots["cwd"], env=env, capture_output=True,
                          text=True, timeout=240)
    assert done.returncode == (3 if listed else 0), done.stderr
    assert "Traceback" not in done.stderr

    records = [json.loads(line) for line in writes.read_text().splitlines()] if writes.exists() else []
    assert [r for r in records if r[0] == "program"] == [], "a program was started during intake"
    # The vault opens its files relative to its own folder (dir_fd), so a relative path is one
    # of them; had one landed in the working folder instead, that folder would not be empty.
    allowed = (vault_dir.resolve(), roots["config"].resolve())
    outside = [r for r in records if r[0] != "program" and Path(r[1]).is_absolute()
               and not any(Path(r[1]).resolve().is_relative_to(folder) for folder in allowed)]
    assert outside == [], f"written outside the vault: {outside}"
    assert list(roots["cwd"].iterdir()) == [] and list(roots["tmp"].iterdir()) == []
    needles = distinctive_slices(picture) + distinctive_slices(body)
    for root in [*roots.values(), vault_dir]:
        for path in files_under(root):
            data = path.read_bytes()
            for needle in needles:
                assert needle not in data, f"{path} holds bytes of the {'refused' if listed else 'kept'} file in clear"
