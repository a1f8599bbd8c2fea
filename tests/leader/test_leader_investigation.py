# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The senior leader's investigation file, all through the CLI (issue 22).

Two members of staff keep evidence in their own vaults (a real Chromium capture of a local
page, incident notes, a picture) and export sealed bundles; the head teacher imports both into
their own vault, reads one timeline across the three of them, and exports the investigation
bundle, which the recipient's own tools (verify-bundle, pdfsig, qpdf, pdfdetach) accept.
The staff bundles are made once for the module: exports are the slow part.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from leader_support import (
    CASE, LEADER, STAFF, LeaderSite, as_json, cli, new_vault, ok, one_line_error, picture, sha256_file,
)

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def staff(tmp_path_factory):
    """Both staff vaults and their bundles: {'sarah': {'vault','bundle','export'}, 'tom': …}."""
    if not CHROMIUM.exists():
        pytest.skip(f"no browser at {CHROMIUM}")
    root = tmp_path_factory.mktemp("staff")
    site = LeaderSite()
    try:
        sarah = new_vault(root / "sarah", *STAFF["sarah"])
        ok(cli(sarah, "note", "--case", CASE, "--kind", "message", "--at", "19/11/2026 16:30",
               "A parent posted about me in the class WhatsApp group"))
        ok(cli(sarah, "capture", "--case", CASE, "--note", "the post itself", site.url))
        tom = new_vault(root / "tom", *STAFF["tom"])
        ok(cli(tom, "note", "--case", CASE, "--kind", "call", "--at", "19/11/2026 18:05",
               "A parent rang the office shouting about Sarah Smith"))
        shot = root / "screenshot-from-phone.png"
        shot.write_bytes(picture("tom's phone"))
        ok(cli(tom, "add-file", "--case", CASE, "--at", "18/11/2026 21:10", str(shot)))
    finally:
        site.close()
    out = {}
    for name, folder in (("sarah", sarah), ("tom", tom)):
        bundle = root / f"{name}-bundle.pdf"
        made = json.loads(ok(cli(folder, "export", "--case", CASE, "-o", str(bundle), "--json")).stdout)
        out[name] = {"vault": folder, "bundle": bundle, "export": made, "sha256": sha256_file(bundle),
                     "picture": shot if name == "tom" else None}
    return out


@pytest.fixture(scope="module")
def leader(staff, tmp_path_factory):
    """The head teacher's vault with their own note and both bundles imported."""
    folder = new_vault(tmp_path_factory.mktemp("leader") / "vault", *LEADER)
    ok(cli(folder, "note", "--case", CASE, "--kind", "meeting", "--at", "19/11/2026 17:00",
           "Met Sarah Smith after school; she showed me the post"))
    imports = {name: json.loads(ok(cli(folder, "import-bundle", "--case", CASE, str(s["bundle"]),
                                       "--json")).stdout) for name, s in staff.items()}
    return {"vault": folder, "imports": imports}


def _code(fingerprint: str) -> str:
    from evidence_vault.fingerprints import short_code
    return short_code(fingerprint)


def test_both_bundles_import_as_evidence_with_their_provenance(staff, leader):
    folder = leader["vault"]
    items = {i["id"]: i for i in as_json(folder, "list")}
    for name, imported in leader["imports"].items():
        sent = staff[name]
        kept = items[imported["bundle_item"]]
        assert kept["kind"] == "file" and kept["sha256"] == sent["sha256"]  # bit for bit
        assert kept["info"]["received_bundle"]["items"] == len(sent["export"]["items_exported"])
        theirs = [items[i] for i in imported["items"]]
        # the bundle lists its items in the order things happened (issue 20), not by number
        assert sorted(t["source"]["item_number"] for t in theirs) == sorted(sent["export"]["items_exported"])
        for t in theirs:
            src = t["source"]
            assert (src["from_name"], src["from_role"]) == STAFF[name]
            assert src["code"] == _code(sent["export"]["signer_fingerprint"])
            assert src["bundle_sha256"] == sent["sha256"] and src["sealed_at"].endswith("Z")
    kinds = {(t["source"]["from_name"], t["kind"]) for t in items.values() if t["source"]}
    assert kinds == {("Sarah Smith", "incident"), ("Sarah Smith", "web_capture"),
                     ("Tom Jones", "incident"), ("Tom Jones", "file")}
    page = next(t for t in items.values() if t["kind"] == "web_capture")
    assert page["info"]["final_url"].endswith("/post/1") and page["info"]["captured_at"]
    shown = ok(cli(folder, "show", str(page["id"]))).stdout
    assert "from: Sarah Smith, Class Teacher; item 2 of their bundle (sealed" in shown
    assert as_json(folder, "show", str(page["id"]))["source"]["from_name"] == "Sarah Smith"
    shot = next(a for a in as_json(folder, "show", str(page["id"]))["artefacts"] if a["role"] == "screenshot")
    assert shot["size"] > 1000  # the screen print came across, viewable like a captured one
    assert ok(cli(folder, "verify")).returncode == 0

    again = cli(folder, "import-bundle", "--case", CASE, str(staff["tom"]["bundle"]))
    assert again.returncode == 2
    assert "was already imported on" in one_line_error(again)
    assert f"as item {leader['imports']['tom']['bundle_item']}" in one_line_error(again)


def test_a_bundle_with_one_changed_byte_is_refused_and_nothing_is_written(staff, tmp_path):
    folder = new_vault(tmp_path / "leader", *LEADER)
    data = bytearray(staff["sarah"]["bundle"].read_bytes())
    data[len(data) // 2] ^= 0x01
    changed = tmp_path / "sarah-bundle.pdf"
    changed.write_bytes(bytes(data))
    before = as_json(folder, "log")
    refused = cli(folder, "import-bundle", "--case", CASE, str(changed))
    assert refused.returncode == 1
    assert "did not pass the bundle check, so it was not imported and nothing was saved" in refused.stderr
    assert "  - " in refused.stderr  # the check's own reasons, in words
    assert as_json(folder, "list") == [] and as_json(folder, "log") == before


def test_a_listed_picture_inside_a_bundle_refuses_the_whole_import(staff, tmp_path):
    folder = new_vault(tmp_path / "leader", *LEADER)
    listed = tmp_path / "list.txt"
    listed.write_text(f"sha256:{sha256_file(staff['tom']['picture'])}\n")
    ok(cli(folder, "blocklist", "add", str(listed), "--name", "Leader test list"))
    refused = cli(folder, "import-bundle", "--case", CASE, str(staff["tom"]["bundle"]))
    assert refused.returncode == 3 and "Leader test list" in one_line_error(refused)
    assert as_json(folder, "list") == []
    log = as_json(folder, "log")
    assert log[-1]["type"] == "capture_refused" and "tom-bundle.pdf" in log[-1]["data"]["url"]
    assert sha256_file(staff["tom"]["picture"]) not in json.dumps(log)


def test_one_timeline_mixes_all_three_people_in_order(leader):
    folder = leader["vault"]
    rows = as_json(folder, "timeline", "--case", CASE)
    assert [r["at"] for r in rows] == sorted(r["at"] for r in rows)
    people = [r["person"] for r in rows]
    assert people[:4] == ["Tom Jones", "Sarah Smith", "Helen Head", "Tom Jones"]  # 18th, then 19th 16:30, 17:00, 18:05
    assert {"Sarah Smith", "Tom Jones", "Helen Head"} == set(people)
    assert not any(r["kind"] == "file" and r["what"].endswith(".pdf") for r in rows)  # bundles are not events
    assert {r["person"] for r in as_json(folder, "timeline", "--case", CASE, "--person", "sarah")} == {"Sarah Smith"}
    assert {r["kind"] for r in as_json(folder, "timeline", "--case", CASE, "--kind", "note")} == {"incident"}
    day = as_json(folder, "timeline", "--case", CASE, "--from", "19/11/2026", "--to", "19/11/2026")
    assert [r["person"] for r in day] == ["Sarah Smith", "Helen Head", "Tom Jones"]
    found = as_json(folder, "timeline", "--case", CASE, "--search", "should be sacked")  # the page's own words
    assert [r["kind"] for r in found] == ["web_capture"]
    text = ok(cli(folder, "timeline", "--case", CASE)).stdout
    assert "Thu 19 Nov 2026" in text and "18:05  Tom Jones (Teaching Assistant): incident" in text


def test_the_investigation_bundle_carries_both_staff_bundles_and_checks(staff, leader, tmp_path):
    folder = leader["vault"]
    out = tmp_path / "investigation.pdf"
    ok(cli(folder, "export", "--case", CASE, "-o", str(out), "--recipient", "HR"))
    checked = cli(None, "verify-bundle", str(out))
    assert checked.returncode == 0, checked.stderr
    inside = [line for line in checked.stdout.splitlines() if line.startswith("Bundle inside")]
    assert len(inside) == 2 and all(": intact: sealed by " in line for line in inside)
    assert any(_code(staff["sarah"]["export"]["signer_fingerprint"]) in line for line in inside)
    report = json.loads(cli(None, "verify-bundle", str(out), "--json").stdout)
    assert report["format_version"] == 3 and [n["ok"] for n in report["nested"]] == [True, True]
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig
    assert subprocess.run(["qpdf", "--check", str(out)], capture_output=True).returncode == 0
    detached = tmp_path / "detached"
    detached.mkdir()
    subprocess.run(["pdfdetach", "-saveall", "-o", str(detached), str(out)], check=True)
    sums = {hashlib.sha256(p.read_bytes()).hexdigest() for p in detached.iterdir()}
    assert {staff["sarah"]["sha256"], staff["tom"]["sha256"]} <= sums
    words = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert "Chronology across people" in words
    assert "Reported by Sarah Smith, Class Teacher: item 2 of their bundle, sealed" in words
    # the kept staff bundle, detached, still checks on its own
    kept = next(p for p in detached.iterdir() if hashlib.sha256(p.read_bytes()).hexdigest() == staff["tom"]["sha256"])
    assert cli(None, "verify-bundle", str(kept)).returncode == 0


def test_a_tampered_bundle_inside_fails_the_whole_check(staff, tmp_path):
    """A bundle inside that does not check (kept through the library, as a vault made by hand
    or by an older Evidence Vault could hold it) fails the investigation bundle, by name."""
    from evidence_vault import Vault
    from evidence_vault.vault import ArtefactSource

    folder = new_vault(tmp_path / "leader", *LEADER)
    good = json.loads(ok(cli(folder, "import-bundle", "--case", CASE, str(staff["tom"]["bundle"]), "--json")).stdout)
    data = bytearray(staff["sarah"]["bundle"].read_bytes())
    data[len(data) // 3] ^= 0x01
    vault = Vault.open(folder, "leader test passphrase, long enough")
    try:
        case = vault.find_case(CASE)
        info = dict(vault.item(good["bundle_item"]).info)
        info["received_bundle"] = {**info["received_bundle"], "bundle_sha256": hashlib.sha256(data).hexdigest()}
        vault.add_received(case, [("file", info, [ArtefactSource("original", "sarah.pdf", "application/pdf",
                                                                 [bytes(data)])])])
    finally:
        vault.close()
    out = tmp_path / "investigation.pdf"
    ok(cli(folder, "export", "--case", CASE, "-o", str(out)))
    checked = cli(None, "verify-bundle", str(out))
    assert checked.returncode == 1
    assert "FAILED: bundle inside, item 4 (item0004-original.pdf): " in checked.stderr, checked.stderr
    report = json.loads(cli(None, "verify-bundle", str(out), "--json").stdout)
    assert [n["ok"] for n in report["nested"]] == [True, False]


def test_an_encrypted_bundle_needs_its_password_and_stays_whole_inside(staff, tmp_path):
    password = tmp_path / "bundle-password.txt"
    password.write_text("the password Tom gave by phone\n")
    locked = tmp_path / "tom-locked.pdf"
    ok(cli(staff["tom"]["vault"], "export", "--case", CASE, "-o", str(locked), "--password-file", str(password)))
    folder = new_vault(tmp_path / "leader", *LEADER)
    asked = cli(folder, "import-bundle", "--case", CASE, str(locked))
    assert asked.returncode == 2 and "Give it with --password-file FILE." in one_line_error(asked)
    assert as_json(folder, "list") == []
    done = json.loads(ok(cli(folder, "import-bundle", "--case", CASE, str(locked), "--password-file",
                             str(password), "--json")).stdout)
    items = {i["id"]: i for i in as_json(folder, "list")}
    assert items[done["bundle_item"]]["sha256"] == sha256_file(locked)  # kept still encrypted, bit for bit
    assert sorted(items[i]["kind"] for i in done["items"]) == ["file", "incident"]
    out = tmp_path / "investigation.pdf"
    ok(cli(folder, "export", "--case", CASE, "-o", str(out)))
    checked = cli(None, "verify-bundle", str(out))
    assert checked.returncode == 0, checked.stderr
    assert "Bundle inside (item 1, item0001-original.pdf): encrypted; detach it (pdfdetach)" in checked.stdout
