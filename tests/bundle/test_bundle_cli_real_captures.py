# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The whole hand-over with real captures: Chromium captures a real local site into a vault,
the CLI exports the case, and the recipient's own tools accept the bundle.

The pages are also rendered with pdftoppm at 100 dpi (cover, index, metadata page, a screen
print part), as a person would look at them; the PNGs stay in the test's folder.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from evidence_vault import Vault, workflows

from bundle_helpers import OWNER, PASSPHRASE, pdfsig, qpdf_check, sha256_of_detached

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "vault"))
from helpers import run_cli  # noqa: E402

pytestmark = pytest.mark.browser


def test_cli_bundle_of_real_captures_passes_the_recipients_tools(worker, site, tmp_path):
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, PASSPHRASE, owner_name=OWNER[0], owner_role=OWNER[1])
    try:
        case = vault.add_case("Real captures")
        tls = workflows.capture_url(vault, worker, url=site.https_trusted + "/plain", case=case, note="as seen")
        tall = workflows.capture_url(vault, worker, url=site.base + "/tall", case=case)
        vault.add_incident(case, kind="phone_call", text="Parent called.", occurred_at="2026-11-20T16:00:00Z")
        originals = {a.sha256 for i in (tls, tall) for a in vault.item(i.id).artefacts}
    finally:
        vault.close()

    out = tmp_path / "bundle.pdf"
    made = run_cli(folder, "export", "--case", "real captures", "-o", str(out), "--recipient", "PC Jones",
                   env={"EVIDENCE_VAULT_PASSPHRASE": PASSPHRASE}, timeout=300)
    assert made.returncode == 0, made.stderr
    assert "Your code (read it to the recipient by phone" in made.stdout

    sig = pdfsig(out)
    assert "Signature is Valid." in sig and "Total document signed" in sig
    sums = sha256_of_detached(out, tmp_path / "detached")
    manifest = json.loads((tmp_path / "detached" / "manifest.json").read_text(encoding="utf-8"))
    assert {a["name"]: a["sha256"] for a in manifest["attachments"]}.items() <= sums.items()
    assert originals <= set(sums.values())
    assert qpdf_check(out).returncode == 0

    checked = run_cli(None, "verify-bundle", str(out), passphrase=None, timeout=300)
    assert checked.returncode == 0, checked.stderr
    assert "Alex Example, Deputy Head" in checked.stdout

    tls_meta = next(i for i in manifest["items"] if i["id"] == tls.id)
    tall_meta = next(i for i in manifest["items"] if i["id"] == tall.id)
    metadata_page = subprocess.run(["pdftotext", "-f", str(tls_meta["first_page"]), "-l",
                                    str(tls_meta["first_page"]), str(out), "-"],
                                   capture_output=True, text=True, check=True).stdout
    assert "Secure connection" in metadata_page and "127.0.0.1" in metadata_page
    assert "(headless: no window was shown)" in metadata_page  # the browser, in words
    assert not re.search(r"\bTrue\b", metadata_page)  # not a raw field value
    assert site.https_trusted + "/plain" in metadata_page
    shot = tall_meta["first_page"] + 1
    header = subprocess.run(["pdftotext", "-f", str(shot), "-l", str(shot), str(out), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert "Screen print, part 1 of" in header and site.base + "/tall" in header and "UTC" in header
    # when loading began and when the picture was finished, not only the start (a slow page's
    # screen print was taken up to its time limit later)
    assert "; finished " in header and "page still loading" not in header

    for name, page in [("cover", 1), ("index", 3), ("metadata", tls_meta["first_page"]), ("screenprint", shot)]:
        subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", "-f", str(page), "-l", str(page),
                        str(out), str(tmp_path / name)], check=True)
        assert (tmp_path / f"{name}.png").stat().st_size > 5000
