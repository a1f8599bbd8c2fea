# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""An item from a staff member's bundle in the head teacher's window (issues 20, 22).

The window reads the sender's corrected words, credited to the sender, and offers no "Add a
correction…" on such an item, saying why and what to do instead (asked all the same, it is
refused with the reason before any box opens): a leader's correction must not read as the
sender's. The item is stored as ``import-bundle`` stores one (its ``source``
with the sender's corrections; tests/leader covers the import itself through the CLI).
"""

from __future__ import annotations

from evidence_vault.vault import ArtefactSource

from ui_support import open_vault

FIRST = "A parent shouted at me on 18 November."
FIXED = "A parent shouted at me on 19 November."


def test_a_staff_members_corrected_item_reads_corrected_and_cannot_be_corrected_here(window, qtbot):
    vault = open_vault(window)
    source = {"from_name": "Sarah Smith", "from_role": "Class Teacher", "code": "AAAAA BBBBB CCCCC DDDDD",
              "sealed_at": "2026-11-21T09:00:00Z", "bundle_sha256": "0" * 64, "item_number": 1,
              "added_by_sender_at": "2026-11-19T16:00:00Z",
              "amendments": [{"at": "2026-11-20T08:00:00Z", "note": FIXED, "by": "Sarah Smith"}]}
    [item] = vault.add_received(vault.cases()[0], [(
        "incident", {"incident_kind": "in_person", "summary": FIRST, "occurred_at": "2026-11-19T15:20:00Z",
                     "source": source},
        [ArtefactSource("entry", "entry.txt", "text/plain; charset=utf-8", [FIRST.encode()])])])
    window.reload_items(item.id)
    details = window.main.details
    notes = details.notes.text()
    assert FIXED in notes and FIRST in notes and "by Sarah Smith" in notes
    # no correction is offered for her sealed words, and the panel says why and what to do instead
    assert details.correct_button.isHidden() and not details.act_correct.isVisible()
    assert "Sarah Smith's words as sealed" in details.when.text() and "note of your own" in details.when.text()
    before = window.dialog
    window.items.ask_correction(item.id)  # asked all the same (a keyboard path, a future button): refused
    assert window.dialog is before  # no correction box opened
    said = window.main.banner.text.text()
    assert "came from Sarah Smith's bundle" in said and "note of your own" in said
    assert [a["note"] for a in vault.item(item.id).amendments] == [FIXED]
