# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""One typed capture record from the engine to the PDF (issue 21): a real capture is sealed by
``workflows.store_capture`` with the guard's record under its own key, and an export decrypts
each capture's metadata.json once (the plan reads it; the pages and the attachment use that).

The reads are counted through the real vault: its own ``read_artefact`` is wrapped on the
instance, so every decryption still happens and only the calls are tallied.
"""

from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest

from evidence_vault import workflows
from evidence_vault.bundle import export_bundle
from evidence_vault.vault import PageRecord, capture_address

from bundle_helpers import add_synthetic_capture, sha256_of_detached

pytestmark = pytest.mark.browser


def test_export_decrypts_each_captures_metadata_once(vault, worker, site, tmp_path):
    case = vault.add_case("Posts about Mr Brown")
    real = workflows.capture_url(vault, worker, url=site.base + "/tall", case=case, note="as seen")
    old = add_synthetic_capture(vault, case, url="https://example.test/old", label="old")  # no "guard" key
    vault.add_incident(case, kind="phone_call", text="Parent called.", occurred_at="2026-11-20T16:00:00Z")

    sealed = json.loads(vault.read_artefact(real.id, "metadata"))
    record = PageRecord.from_metadata(sealed)
    assert record.guard is not None and record.guard["bodies_checked"] >= 1 and "lists" in record.guard
    assert set(sealed["safeguarding"]) == {"bodies_inspected"}  # the engine's count, not overwritten
    assert record.address == real.info["final_url"] == capture_address(real.info)
    assert record.info().items() <= real.info.items()  # the item's record was made from the same facts

    reads: Counter = Counter()
    read_artefact = vault.read_artefact

    def counted(item_id, role):
        reads[(item_id, role)] += 1
        return read_artefact(item_id, role)

    vault.read_artefact = counted
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, case, out)
    vault.read_artefact = read_artefact

    assert reads[(real.id, "metadata")] == 1 and reads[(old.id, "metadata")] == 1, reads
    # what the pages show came from that one read (server address and finish time are in metadata only)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "127.0.0.1 port" in text and "https://example.test/old" in text
    assert text.count("Capture finished") == 2 and "not recorded" not in text.split("Capture finished")[1][:80]
    # and the attached metadata.json is the sealed file, byte for byte
    sums = sha256_of_detached(out, tmp_path / "detached")
    stored = {a.role: a.sha256 for a in vault.item(real.id).artefacts}
    assert stored["metadata"] in sums.values()


def test_guard_record_sealed_under_the_old_key_still_reads():
    """Items sealed before the guard's record had its own key kept it under "safeguarding"."""
    old = {"requested_url": "http://a.test/x", "final_url": "", "http_status": 404,
           "safeguarding": {"lists": [], "coverage": "", "bodies_checked": 3}}
    record = PageRecord.from_metadata(old)
    assert record.guard == old["safeguarding"] and record.address == "http://a.test/x"
    assert record.http_status == 404
    engine_only = {"final_url": "http://a.test/y", "safeguarding": {"bodies_inspected": 2}}
    assert PageRecord.from_metadata(engine_only).guard is None
