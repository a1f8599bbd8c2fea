# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The advice for a frightened member of staff: the school's file, or the built-in text."""

from __future__ import annotations

import sys

import pytest
from synthetic_images import REPO_ROOT

from evidence_vault.safeguarding import SafeguardingContacts, safeguarding_advice
from evidence_vault.safeguarding.advice import ASK_WHO, CONTACTS_MARKER, FALLBACK_ADVICE, with_contacts

MUST_SAY = [
    "screenshot",
    "forward",
    "designated safeguarding lead",
    "999",
    "101",
    "report.iwf.org.uk",
    "not your fault",
    "done the right thing",
]


@pytest.mark.parametrize("text", [
    pytest.param((REPO_ROOT / "resources" / "safeguarding-advice.md").read_text(encoding="utf-8"), id="school-file"),
    pytest.param(FALLBACK_ADVICE, id="built-in"),
])
def test_advice_says_what_matters(text):
    lower = text.lower()
    for phrase in MUST_SAY:
        assert phrase.lower() in lower, f"the advice does not mention {phrase!r}"
    assert "clause 71" in lower


def test_the_school_file_is_read_from_the_repository():
    school = (REPO_ROOT / "resources" / "safeguarding-advice.md").read_text(encoding="utf-8")
    assert CONTACTS_MARKER in school
    assert safeguarding_advice() == school.replace(CONTACTS_MARKER, ASK_WHO)


def test_a_missing_or_empty_file_falls_back_to_the_built_in_text(tmp_path):
    built_in = FALLBACK_ADVICE.replace(CONTACTS_MARKER, ASK_WHO)
    assert safeguarding_advice(resources_dir=tmp_path) == built_in
    (tmp_path / "safeguarding-advice.md").write_text("  \n")
    assert safeguarding_advice(resources_dir=tmp_path) == built_in


@pytest.mark.parametrize("text", [
    pytest.param(None, id="school-file"),
    pytest.param(FALLBACK_ADVICE, id="built-in"),
])
def test_no_blank_lines_to_fill_in_and_no_note_for_an_editor(text, tmp_path):
    if text is not None:
        (tmp_path / "safeguarding-advice.md").write_text(text, encoding="utf-8")
    shown = safeguarding_advice(resources_dir=tmp_path if text is not None else None)
    assert "___" not in shown and "<!--" not in shown
    assert "may edit" not in shown.lower() and "edit this page" not in shown.lower()
    assert ASK_WHO in shown  # blank contacts: whom to ask, plainly


def test_the_schools_contacts_are_shown_where_the_advice_says_to_tell_the_lead():
    contacts = SafeguardingContacts("Mrs Asha Patel", "01632 960123", "Mr Ben Jones", " 01632  960124 ")
    shown = safeguarding_advice(contacts=contacts)
    lines = shown.splitlines()
    tell = next(i for i, line in enumerate(lines) if "Tell the designated safeguarding lead" in line)
    assert lines[tell + 2] == "   - Designated safeguarding lead: **Mrs Asha Patel**, phone **01632 960123**"
    assert lines[tell + 3] == "   - Deputy safeguarding lead: **Mr Ben Jones**, phone **01632 960124**"
    assert ASK_WHO not in shown and "<!--" not in shown


@pytest.mark.parametrize("contacts, says", [
    (SafeguardingContacts(), [ASK_WHO]),
    (SafeguardingContacts(lead_name="Mrs Patel"),
     ["- Designated safeguarding lead: **Mrs Patel** (ask the school office for their phone number)"]),
    (SafeguardingContacts(lead_phone="01632 960123"), ["- Designated safeguarding lead: phone **01632 960123**"]),
    (SafeguardingContacts(deputy_name="Mr Jones", deputy_phone="01632 960124"),
     ["- Deputy safeguarding lead: **Mr Jones**, phone **01632 960124**",
      "Ask the school office who the designated safeguarding lead is."]),
])
def test_what_is_blank_is_said_plainly(contacts, says):
    assert contacts.lines() == says


def test_a_schools_own_text_without_the_line_gets_the_contacts_under_its_title():
    text = "# What to do\n\nRing the office.\n"
    assert with_contacts(text, None) == text
    assert with_contacts(text, SafeguardingContacts("Mrs Patel", "1")) == (
        "# What to do\n\n- Designated safeguarding lead: **Mrs Patel**, phone **1**\n\nRing the office.\n")


def test_a_pyinstaller_bundle_is_looked_in_first(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "safeguarding-advice.md").write_text("Bundled advice: ring Mrs Smith.", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert safeguarding_advice() == "Bundled advice: ring Mrs Smith."
