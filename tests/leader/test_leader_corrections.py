# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a teacher corrected is what the head teacher reads after importing her bundle (issues 20, 22).

Sarah writes "18 November", corrects it to "19 November" and sends her bundle. In the head
teacher's vault the item must read "19 November", marked as corrected, every wording credited
to Sarah (not to the head who imported it) in ``show``, ``show --json``, ``list``, the timeline
and the investigation bundle's item page; the head cannot correct it in Sarah's name. Importing
with ``--expect`` refuses a bundle sealed by anyone but the person who read out that code.
No browser: notes only, so this runs quickly.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from leader_support import CASE, LEADER, STAFF, as_json, cli, new_vault, ok, one_line_error

FIRST = "A parent shouted at me in the playground on 18 November about the class trip"
FIXED = "A parent shouted at me in the playground on 19 November about the class trip"


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    """Sarah's vault with one corrected note, her bundle, and the export's JSON."""
    root = tmp_path_factory.mktemp("corrections")
    sarah = new_vault(root / "sarah", *STAFF["sarah"])
    ok(cli(sarah, "note", "--case", CASE, "--kind", "in person", "--at", "19/11/2026 15:20", FIRST))
    ok(cli(sarah, "amend", "1", "--note", FIXED))
    bundle = root / "sarah-bundle.pdf"
    made = json.loads(ok(cli(sarah, "export", "--case", CASE, "-o", str(bundle), "--json")).stdout)
    return {"root": root, "bundle": bundle, "export": made}


@pytest.fixture(scope="module")
def head(sent, tmp_path_factory):
    folder = new_vault(tmp_path_factory.mktemp("head") / "vault", *LEADER)
    done = json.loads(ok(cli(folder, "import-bundle", "--case", CASE, str(sent["bundle"]), "--json")).stdout)
    return {"vault": folder, "item": done["items"][0]}


def test_the_senders_correction_is_what_the_head_teacher_reads(head):
    folder, item = head["vault"], str(head["item"])
    shown = ok(cli(folder, "show", item)).stdout
    assert FIXED in shown and FIRST in shown  # the corrected words, and the original beside them
    assert shown.index(FIXED) < shown.index(FIRST)
    assert "by Sarah Smith" in shown and "Helen Head" not in shown
    record = as_json(folder, "show", item)
    words = record["wordings"]
    assert words["corrected"] is True
    assert words["current"]["text"] == FIXED and words["current"]["written_by"] == "Sarah Smith"
    [original] = words["earlier"]
    assert original["text"] == FIRST and original["original"] is True
    assert original["written_by"] == "Sarah Smith" and original["replaced_by"] == "Sarah Smith"
    assert original["written_at"] == record["source"]["added_by_sender_at"]  # when she wrote it, not the import
    listed = ok(cli(folder, "list", "--case", CASE)).stdout
    assert "19 November" in listed and "[AMENDED]" in listed
    timeline = ok(cli(folder, "timeline", "--case", CASE)).stdout
    assert "19 November" in timeline and "18 November" not in timeline
    assert "(corrected)" in timeline  # marked, as `list` marks it [AMENDED]


def test_the_investigation_bundle_prints_her_corrected_words(head, tmp_path):
    out = tmp_path / "investigation.pdf"
    ok(cli(head["vault"], "export", "--case", CASE, "-o", str(out)))
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "19 November" in flat and "18 November" in flat  # now, and the earlier wording beside it
    assert "Sarah Smith" in flat


def test_the_investigation_bundle_says_when_she_wrote_it_not_when_it_was_imported(sent, head, tmp_path):
    """A trial found the head teacher's bundle giving the import's time as 'Written down'."""
    out = tmp_path / "investigation.pdf"
    ok(cli(head["vault"], "export", "--case", CASE, "-o", str(out)))

    def lines(pdf: Path, label: str) -> list[str]:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        return [" ".join(line.split(label, 1)[1].split()) for line in text.splitlines() if label in line]

    [hers] = lines(sent["bundle"], "Written down")
    assert lines(out, "Written down") == [hers]  # Sarah's time, from her own bundle
    [received] = lines(out, "Received here")  # and the import's, said as what it is
    assert received != hers and not lines(sent["bundle"], "Received here")


def test_the_head_teacher_cannot_correct_a_staff_item_in_her_name(head):
    folder, item = head["vault"], str(head["item"])
    refused = cli(folder, "amend", item, "--note", "A parent shouted at me on 20 November")
    assert refused.returncode != 0
    said = one_line_error(refused)
    assert "came from Sarah Smith's bundle" in said and "note of your own" in said
    assert as_json(folder, "show", item)["wordings"]["current"]["text"] == FIXED  # nothing written


def test_import_with_the_wrong_code_is_refused_and_writes_nothing(sent, tmp_path):
    folder = new_vault(tmp_path / "head", *LEADER)
    from evidence_vault.fingerprints import short_code
    right = short_code(sent["export"]["signer_fingerprint"])
    wrong = short_code("ab" * 32)
    assert wrong != right
    refused = cli(folder, "import-bundle", "--case", CASE, "--expect", wrong, str(sent["bundle"]))
    assert refused.returncode == 1, refused.stderr
    assert "not the code you were given" in one_line_error(refused)
    assert as_json(folder, "list") == []
    taken = ok(cli(folder, "import-bundle", "--case", CASE, "--expect", right, str(sent["bundle"])))
    assert "CONFIRMED" in taken.stdout
    assert len(as_json(folder, "list")) == 2  # the sealed bundle and her one item


def test_a_relayed_bundle_keeps_her_corrections_once(head, tmp_path):
    """The head's investigation bundle imported again (e.g. by HR): Sarah's wordings, not doubled."""
    out = tmp_path / "investigation.pdf"
    ok(cli(head["vault"], "export", "--case", CASE, "-o", str(out)))
    folder = new_vault(Path(tmp_path / "hr"), "Harriet HR", "HR Officer")
    done = json.loads(ok(cli(folder, "import-bundle", "--case", CASE, str(out), "--json")).stdout)
    theirs = [as_json(folder, "show", str(i)) for i in done["items"]]
    hers = next(t for t in theirs if t["kind"] == "incident")
    assert hers["wordings"]["current"]["text"] == FIXED
    assert [w["text"] for w in hers["wordings"]["earlier"]] == [FIRST]
