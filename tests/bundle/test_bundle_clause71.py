# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Clause 71 in the bundle: nothing about a locked-away item reaches it but its history entries'
sequence numbers and hashes (docs/bundle-format.md, "Withheld items").

The case holds the three ways the audit found an item could leak: a re-check whose re-capture
was locked away (the re-check named it, with change statistics and a line of its text), an
earlier export that included an item later locked away, and a re-capture of an item that was
later locked away. Every byte of every attachment and the text of every page is searched for
what identifies each withheld item.
"""

from __future__ import annotations

import json
import re
import subprocess

import pytest

from evidence_vault import QuarantinedError
from evidence_vault.bundle import export_bundle, verify_bundle
from evidence_vault.bundle.collect import named_items
from evidence_vault.vault import recaptures

from bundle_helpers import add_synthetic_capture, sha256_of_detached

SECRET_LINE = "SECRET-LINE-7f3a of the re-captured page"


@pytest.fixture
def leaky_case(vault, tmp_path):
    case = vault.add_case("Posts about Mr Brown")
    shown = add_synthetic_capture(vault, case, url="https://example.test/shown", label="shown")
    # 1. a re-check whose re-capture is then locked away
    recap = add_synthetic_capture(vault, case, url="https://example.test/shown", label="recap",
                                  extra_info={"recapture_of": shown.id}, text=SECRET_LINE)
    recaptures.record_check(vault, item_id=shown.id, new_item_id=recap.id, outcome="changed",
                            summary=f"text changed: 1 line added ('{SECRET_LINE}'); 41.7% of the screenshot changed",
                            http_status=200, text_changed=True, screenshot_changed_permille=417)
    vault.quarantine(recap.id)
    # 2. an item in an earlier bundle, later locked away
    earlier = add_synthetic_capture(vault, case, url="https://example.test/earlier-secret", label="earlier")
    export_bundle(vault, case, tmp_path / "earlier.pdf")
    # 3. a re-capture of an item that is later locked away (its own record names that item)
    child = add_synthetic_capture(vault, case, url="https://example.test/earlier-secret", label="child",
                                  extra_info={"recapture_of": earlier.id})
    vault.quarantine(earlier.id)
    vault.add_incident(case, kind="phone_call", text="The parent rang again.", occurred_at="2026-11-21T09:00:00Z")
    return vault, case, shown, [recap.id, earlier.id, child.id]


def _all_page_text(pdf) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_nothing_about_a_withheld_item_reaches_the_bundle(leaky_case, tmp_path):
    vault, case, shown, withheld = leaky_case
    # What identifies each withheld item: its files' SHA-256, its time of saving and of every
    # event about it, the text only it held, and its own address.
    secrets = {SECRET_LINE, "41.7%", "screenshot_changed_permille", "recapture_of",
               "https://example.test/earlier-secret"}
    withheld_seqs = set()
    for seq, _digest, event in vault.events():
        if named_items(event.data) & set(withheld):
            withheld_seqs.add(seq)
            secrets.add(event.at)
    for item_id in withheld:
        item = vault.item(item_id)
        secrets.add(item.created_at)
        secrets.update(a.sha256 for a in item.artefacts)

    out = tmp_path / "bundle.pdf"
    result = export_bundle(vault, case, out)
    assert result.items_withheld == 3 and set(result.items_exported).isdisjoint(withheld)
    assert verify_bundle(out).ok

    folder = tmp_path / "detached"
    sha256_of_detached(out, folder)
    blobs = {p.name: p.read_bytes() for p in folder.iterdir()}
    raw_pdf = out.read_bytes()
    text = _all_page_text(out)
    for secret in secrets:
        needle = secret.encode()
        assert not any(needle in data for data in blobs.values()), \
            (secret, [n for n, d in blobs.items() if needle in d])
        assert secret not in text, secret
        assert needle not in raw_pdf, secret  # not in any stream or string of the PDF either

    manifest = json.loads(blobs["manifest.json"])
    listed = {e["seq"]: e for e in manifest["events"]}
    assert withheld_seqs <= set(listed)  # each is listed, as its number and hash only
    for seq in withheld_seqs:
        assert set(listed[seq]) == {"seq", "hash", "withheld"}
    for entry in manifest["events"]:
        if "body" in entry:
            assert not named_items(json.loads(entry["body"])["data"]) & set(withheld), entry["body"]
    for name, data in blobs.items():
        if name.endswith("-record.json"):
            assert not named_items(json.loads(data)) & set(withheld), name
    assert {a["item"] for a in manifest["attachments"]} - {None} == set(result.items_exported)

    # the custody log prints a withheld entry's number and hash, never its date or time
    for line in text.splitlines():
        match = re.match(r"\s*#(\d+)\s", line)
        if match and int(match.group(1)) in withheld_seqs:
            assert "Locked away under the safeguarding policy (no detail)" in line
            assert not re.search(r"\d{1,2}:\d{2}|20\d\d", line), line


def test_a_re_capture_of_a_withheld_item_is_refused_by_number(leaky_case, tmp_path):
    vault, case, _shown, withheld = leaky_case
    child = withheld[2]
    with pytest.raises(QuarantinedError, match=f"Item {child} is a re-capture of an item that is locked away"):
        export_bundle(vault, case, tmp_path / "x.pdf", item_ids=[child])
    assert not (tmp_path / "x.pdf").exists()
