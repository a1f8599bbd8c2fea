# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The public surface of evidence_vault.safeguarding: listed, importable, documented."""

from __future__ import annotations

import ast
import inspect

from synthetic_images import REPO_ROOT

import evidence_vault.safeguarding as safeguarding

EXPECTED = {
    "HASH_TYPES", "KINDS", "MATCH_THRESHOLD", "MAX_FRAMES", "MAX_PIXELS", "MIN_QUALITY", "NO_LISTS_MESSAGE",
    "BlockedImage", "ExactHashes", "HashList", "ImageGuard", "ImageHashes", "Match", "Matcher", "PdqCandidate",
    "SafeguardingContacts", "UncheckableContent", "Verdict", "exact_hashes", "hamming", "image_hashes", "load_hash_list",
    "parse_hash_list", "pdq_of_image", "safe_url", "safeguarding_advice",
}


def test_all_lists_exactly_the_public_names():
    assert set(safeguarding.__all__) == EXPECTED
    for name in safeguarding.__all__:
        assert hasattr(safeguarding, name), name


def test_every_public_name_is_documented():
    docs = (REPO_ROOT / "docs" / "blocklists.md").read_text(encoding="utf-8")
    missing = [name for name in safeguarding.__all__ if f"`{name}" not in docs]
    assert not missing, f"docs/blocklists.md does not mention: {missing}"


def test_inspector_protocol_is_keyword_only():
    for method in (safeguarding.ImageGuard.inspect, safeguarding.ImageGuard.unreadable):
        params = list(inspect.signature(method).parameters.values())[1:]
        assert params and all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params)
    assert [p for p in inspect.signature(safeguarding.ImageGuard.inspect).parameters][1:] == [
        "kind", "url", "body", "content_type"]


def test_every_module_has_a_docstring_and_stays_small():
    package = REPO_ROOT / "evidence_vault" / "safeguarding"
    for path in package.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert ast.get_docstring(ast.parse(text)), f"{path.name} has no module docstring"
        assert text.count("\n") < 400, f"{path.name} is over 400 lines"
