# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`evidence-vault export` in a subprocess: exit codes and one-line messages for bad requests."""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path

from bundle_helpers import PASSPHRASE

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import one_line_error, run_cli  # noqa: E402


def export(folder, *args):
    return run_cli(folder, "export", *args, passphrase=PASSPHRASE, timeout=300)


def test_cli_export_refusals_and_warnings(filled, tsa, tmp_path):
    vault, case = filled
    vault.quarantine(3)
    folder = vault.folder
    empty = vault.add_case("Nothing yet")
    assert empty.id
    vault.close()  # the CLI needs the vault's lock

    refused = export(folder, "--case", case.name, "-o", str(tmp_path / "a.pdf"), "--items", "1,3")
    assert refused.returncode == 3
    assert "Item 3 is locked away under the safeguarding policy" in one_line_error(refused)
    assert not (tmp_path / "a.pdf").exists()

    nothing = export(folder, "--case", "nothing yet", "-o", str(tmp_path / "b.pdf"))
    assert nothing.returncode == 2 and "has no evidence yet" in one_line_error(nothing)

    bad_items = export(folder, "--case", case.name, "-o", str(tmp_path / "c.pdf"), "--items", "one,two")
    assert bad_items.returncode == 2 and "--items takes item numbers" in one_line_error(bad_items)

    no_folder = export(folder, "--case", case.name, "-o", str(tmp_path / "absent" / "d.pdf"))
    assert no_folder.returncode == 2 and "There is no folder" in one_line_error(no_folder)

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{s.getsockname()[1]}/tsa"
    unpinned = export(folder, "--case", case.name, "-o", str(tmp_path / "u.pdf"), "--timestamp", tsa.url)
    assert unpinned.returncode == 2 and "trusts only timestamp authorities you choose" in one_line_error(unpinned)
    assert not (tmp_path / "u.pdf").exists()
    pem = tmp_path / "tsa.pem"
    pem.write_bytes(tsa.pem)
    made = export(folder, "--case", case.name, "-o", str(tmp_path / "e.pdf"), "--timestamp-url", down,
                  "--timestamp-cert", str(pem), "--json")
    assert made.returncode == 0, made.stderr
    assert "warning: The timestamp authority" in one_line_error(made)
    result = json.loads(made.stdout)
    assert result["items_exported"] == [1, 2, 4] and result["items_withheld"] == 1 and not result["timestamped"]
