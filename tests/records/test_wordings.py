# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 20 §1: a correction appears wherever the corrected text appears, with every earlier
wording beside it (when, by whom). Library first, then ``show``/``list`` (and ``--json``)."""

from __future__ import annotations

import json

import pytest

from evidence_vault import UsageError
from evidence_vault.vault.wordings import NO_NOTE, current_summary, current_text
from tests.vault.helpers import OWNER, run_cli

from .conftest import LONG_ENTRY

LONDON = {"TZ": "Europe/London", "LANG": "en_GB.UTF-8"}
CORRECTED = LONG_ENTRY.replace("half past four", "quarter to five")


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


def test_an_incident_never_corrected_has_one_wording_its_entry(vault):
    w = vault.wordings(1)
    assert w.subject == "entry" and not w.corrected and w.earlier == ()
    assert w.current.text == LONG_ENTRY and w.current.original
    assert w.current.written_by == OWNER[0] and w.current.written_at == vault.item(1).created_at
    assert w.current.replaced_at is None and w.lines() == []


def test_each_correction_is_the_new_wording_and_every_earlier_one_is_kept_in_order(vault):
    first = vault.amend(1, note=CORRECTED)
    vault.amend(1, note="He rang at 16:45.\nSecond line.")
    w = vault.wordings(1)
    assert w.corrected and w.current.text == "He rang at 16:45.\nSecond line."
    assert [e.text for e in w.earlier] == [LONG_ENTRY, CORRECTED]
    assert [e.original for e in w.earlier] == [True, False]
    # each earlier wording says when it was written and when (and by whom) it was replaced
    original, middle = w.earlier
    assert original.replaced_at == first.amendments[0]["at"] == middle.written_at
    assert middle.replaced_at == w.current.written_at and middle.replaced_by == OWNER[0]
    # the record's own text (what lists and the timeline show) is the corrected one
    item = vault.item(1)
    assert current_text(item) == "He rang at 16:45.\nSecond line."
    assert current_summary(item) == "He rang at 16:45."
    assert item.info["summary"].startswith("He rang the school office")  # the stored original stays
    lines = w.lines(fmt=lambda at: f"<{at}>")
    assert lines[0] == "Corrected 2 times; the entry now reads as above. Earlier wordings, oldest first:"
    assert lines[1] == (f"1. (the original, written <{original.written_at}> by {OWNER[0]}; replaced "
                        f"<{original.replaced_at}> by {OWNER[0]}):")
    assert "   He rang the school office at half past four" in lines[2]
    assert vault.verify().ok


def test_a_file_without_a_note_then_corrected_shows_that_there_was_none(vault):
    vault.amend(2, note="Screenshot of the Year 9 chat, 19 November")
    w = vault.wordings(2)
    assert w.subject == "note" and [e.text for e in w.earlier] == [""]
    assert w.earlier[0].shown() == NO_NOTE == "(no note was written)"
    assert current_text(vault.item(2)) == "Screenshot of the Year 9 chat, 19 November"


def test_the_same_wording_again_is_refused_and_nothing_is_written(vault):
    before = len(vault.events())
    with pytest.raises(UsageError, match="That is exactly what item 1 says now, so there is nothing to correct"):
        vault.amend(1, note=f"  {LONG_ENTRY}\n")
    assert len(vault.events()) == before


def test_show_prints_the_current_wording_and_each_earlier_one_with_when_and_who(vault_dir):
    ok(run_cli(vault_dir, "amend", "1", "--note", CORRECTED))
    shown = ok(run_cli(vault_dir, "show", "1", env=LONDON)).stdout
    assert "  entry, as corrected:\n    He rang the school office at quarter to five" in shown
    assert "  Corrected 1 time; the entry now reads as above. Earlier wordings, oldest first:" in shown
    assert f"by {OWNER[0]}; replaced " in shown and f"GMT by {OWNER[0]}):\n     He rang the school office at half past four" in shown
    record = json.loads(ok(run_cli(vault_dir, "show", "1", "--json")).stdout)
    assert record["wordings"]["current"]["text"] == CORRECTED
    assert [e["text"] for e in record["wordings"]["earlier"]] == [LONG_ENTRY]
    assert record["wordings"]["earlier"][0]["written_by"] == OWNER[0]


def test_list_shows_the_corrected_text_and_each_earlier_wording_under_it(vault_dir):
    ok(run_cli(vault_dir, "amend", "2", "--note", "From the Year 9 chat, 19 November"))
    ok(run_cli(vault_dir, "amend", "1", "--note", "Rang at 16:45."))
    listed = ok(run_cli(vault_dir, "list", env=LONDON)).stdout
    assert "notes.txt (From the Year 9 chat, 19 November) [AMENDED]" in listed
    assert "] Rang at 16:45. [AMENDED]" in listed
    assert f"by {OWNER[0]}: \"(no note was written)\"" in listed
    assert f"by {OWNER[0]}: \"He rang the school office at half past four and a…\"" in listed
    assert "earlier wording, replaced " in listed
    items = {i["id"]: i for i in json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)}
    assert items[2]["wordings"]["current"]["text"] == "From the Year 9 chat, 19 November"
    assert items[1]["wordings"]["earlier"][0]["text"] == LONG_ENTRY
    again = run_cli(vault_dir, "amend", "1", "--note", "Rang at 16:45.")
    assert again.returncode == 2 and "nothing to correct" in again.stderr


def test_list_json_has_no_wordings_for_items_never_corrected(vault_dir):
    items = json.loads(ok(run_cli(vault_dir, "list", "--json")).stdout)
    assert [i["wordings"] for i in items] == [None, None]


def test_a_long_first_line_is_shortened_at_a_word_and_says_there_is_more(vault):
    """A trial read "...that she would p" in the timeline: a line cut mid-word reads as if it were
    what was said. Shortened lines end at a word, with "…"; the whole text is in the details."""
    first_line = LONG_ENTRY.splitlines()[0]
    shown = current_summary(vault.item(1))  # never corrected: from the record's stored summary
    assert shown.endswith("\u2026") and len(shown) <= 80
    assert first_line.startswith(shown[:-1]) and first_line[len(shown) - 1] in " ,;:.-"
    vault.amend(1, note=CORRECTED)
    shown = current_summary(vault.item(1))  # corrected: from the correction's text
    assert shown.endswith("\u2026") and CORRECTED.startswith(shown[:-1]) and CORRECTED[len(shown) - 1] in " ,;:.-"
    assert current_summary(vault.item(1), limit=500) == CORRECTED.splitlines()[0]  # room: whole, no "…"
    vault.amend(1, note="He rang at 16:45.")
    assert current_summary(vault.item(1)) == "He rang at 16:45."
