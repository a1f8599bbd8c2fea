# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The advice for a frightened member of staff: the school's file, or the built-in text."""

from __future__ import annotations

import sys

import pytest
from synthetic_images import REPO_ROOT

from evidence_vault.safeguarding import safeguarding_advice
from evidence_vault.safeguarding.advice import FALLBACK_ADVICE

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
    assert safeguarding_advice() == (REPO_ROOT / "resources" / "safeguarding-advice.md").read_text(encoding="utf-8")


def test_a_missing_or_empty_file_falls_back_to_the_built_in_text(tmp_path):
    assert safeguarding_advice(resources_dir=tmp_path) == FALLBACK_ADVICE
    (tmp_path / "safeguarding-advice.md").write_text("  \n")
    assert safeguarding_advice(resources_dir=tmp_path) == FALLBACK_ADVICE


def test_a_pyinstaller_bundle_is_looked_in_first(tmp_path, monkeypatch):
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "safeguarding-advice.md").write_text("Bundled advice: ring Mrs Smith.", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert safeguarding_advice() == "Bundled advice: ring Mrs Smith."
