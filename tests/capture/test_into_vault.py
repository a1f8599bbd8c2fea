# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Capture into a real vault through workflows.py (the path the CLI and the app share).

What this adds to the engine's own tests: the artefacts land sealed in the vault with the
metadata that names them, nothing of the page is on disk in clear anywhere, and a refusal by
the clause-71 guard built from the vault's own hash lists leaves only a text event.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
from pathlib import Path

import pytest

from evidence_vault import SafeguardingBlock, workflows
from evidence_vault.capture import CaptureOptions
from evidence_vault.safeguarding import parse_hash_list
from evidence_vault.safeguarding.vault_guard import vault_summary

from capture_site import noise_png

pytestmark = pytest.mark.browser
def files_under(*roots: Path):
    for root in roots:
        for dirpath, _dirs, names in os.walk(root):
            for name in names:
                path = Path(dirpath) / name
                if path.is_file() and not path.is_symlink():
                    yield path


def assert_nowhere(needles: list[bytes], *roots: Path) -> None:
    for path in files_under(*roots):
        data = path.read_bytes()
        for needle in needles:
            assert needle not in data, f"{needle[:20]!r}… found in clear in {path}"


def test_capture_is_sealed_with_its_provenance(vault, worker, site, temp_root):
    token = secrets.token_hex(12)
    image = noise_png(int(token[:6], 16) % 10_000 + 100)
    site.markers[token] = image
    item = workflows.capture_url(vault, worker, url=f"{site.base}/marker/{token}",
                                 case=vault.case("case one"), note="seen at 9am")

    roles = {a.role: a for a in item.artefacts}
    assert set(roles) == {"screenshot", "mhtml", "text", "metadata"}
    meta = json.loads(vault.read_artefact(item.id, "metadata"))
    for name, role in (("screenshot.png", "screenshot"), ("page.mhtml", "mhtml"), ("text.txt", "text")):
        assert meta["sha256"][name] == roles[role].sha256
        assert hashlib.sha256(vault.read_artefact(item.id, role)).hexdigest() == roles[role].sha256
    assert meta["final_url"] == f"{site.base}/marker/{token}"
    assert meta["http_status"] == 200 and meta["server_ip"] == "127.0.0.1"
    assert meta["note"] == "seen at 9am"
    # the guard's record under its own key; the engine's own count stays beside it
    assert meta["guard"]["bodies_checked"] >= 1 and "lists" in meta["guard"]
    assert set(meta["safeguarding"]) == {"bodies_inspected"}
    assert token in vault.read_artefact(item.id, "text").decode()
    assert item.info["title"] == "Marker" and item.main_sha256 == roles["screenshot"].sha256

    report = vault.verify()
    assert report.ok, report.problems
    # Nothing of the page in clear: not the marker text, not the image, in the vault or the
    # browser's temporary folders.
    assert_nowhere([token.encode(), image], vault.folder, temp_root)


def test_listed_image_refuses_the_capture_and_leaves_only_a_text_event(vault, worker, site):
    listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="Force list")
    vault.hash_lists.add("Force list", listed.to_bytes(), vault_summary(listed))
    before = {a.id for i in vault.items() for a in vault.item(i.id).artefacts}

    url = f"{site.base}/guard/img"
    case = vault.case("Case One")
    with pytest.raises(SafeguardingBlock) as caught:
        workflows.capture_url(vault, worker, url=url, case=case)
    assert site.bad_sha256 not in str(caught.value)

    assert {a.id for i in vault.items() for a in vault.item(i.id).artefacts} == before
    last = vault.events()[-1][2]
    assert last.type == "capture_refused"
    assert last.data == {"url": url, "reason": "an image on the page is exactly a file on a hash list",
                         "matched_list": "Force list", "case_id": case.id}
    assert last.artefacts == []
    assert vault.verify().ok
    assert_nowhere([site.bad_png, site.bad_sha256.encode()], vault.folder)


def test_refusal_in_the_evidence_browser_is_recorded(vault, worker, site):
    listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="List B")
    vault.hash_lists.add("List B", listed.to_bytes(), vault_summary(listed))
    workflows.open_evidence_browser(vault, worker, start_url=f"{site.base}/guard/css")
    try:
        with pytest.raises(SafeguardingBlock):
            workflows.capture_current(vault, worker, case=vault.case("Case One"))
    finally:
        worker.close_interactive()
    assert vault.events()[-1][2].type == "capture_refused"
    assert vault.items() == []


def test_logins_are_kept_sealed_in_the_vault(vault, worker, site):
    workflows.open_evidence_browser(vault, worker, start_url=f"{site.base}/login")
    workflows.close_evidence_browser(vault, worker)
    state = vault.logins.saved()
    assert any(c["name"] == "session" for c in state["cookies"])
    assert_nowhere([b"alice-secret"], vault.folder)

    workflows.open_evidence_browser(vault, worker, start_url=f"{site.base}/account")
    try:
        item = workflows.capture_current(vault, worker, case=vault.case("Case One"),
                                         options=CaptureOptions(timeout_s=15))
    finally:
        worker.close_interactive()
    assert "Logged in as Alice" in vault.read_artefact(item.id, "text").decode()


# -- every delivery path, with the real guard over the vault's own list ------------------------
import sys  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "safeguarding"))
from synthetic_images import encode, smooth_image  # noqa: E402

from capture_site import GUARD_PAGES  # noqa: E402

from evidence_vault.safeguarding import image_hashes  # noqa: E402


@pytest.fixture
def listed_vault(vault, site):
    listed = parse_hash_list(f"type,hash\nsha256,{site.bad_sha256}\n".encode(), name="Force list")
    vault.hash_lists.add("Force list", listed.to_bytes(), vault_summary(listed))
    return vault


@pytest.mark.parametrize("path", sorted(GUARD_PAGES))
def test_every_delivery_path_is_refused_with_nothing_written(listed_vault, worker, site, temp_root, path):
    url = f"{site.base}/guard/{path}"
    with pytest.raises(SafeguardingBlock):
        workflows.capture_url(listed_vault, worker, url=url, case=listed_vault.case("Case One"),
                              options=CaptureOptions(timeout_s=20, lazy_scroll_budget_s=5))
    assert listed_vault.items() == []
    refused = listed_vault.events()[-1][2]
    assert refused.type == "capture_refused" and refused.data["matched_list"] == "Force list"
    assert listed_vault.verify().ok
    assert_nowhere([site.bad_png, site.bad_sha256.encode()], listed_vault.folder, temp_root)


def test_resized_reencoded_copy_is_caught_by_pdq_and_a_near_miss_is_not(vault, worker, site, temp_root):
    original = smooth_image(71)
    pdq = image_hashes(encode(original)).pdq
    listed = parse_hash_list(f"type,hash\npdq,{pdq}\n".encode(), name="PDQ list")
    vault.hash_lists.add("PDQ list", listed.to_bytes(), vault_summary(listed))

    variant = encode(original.resize((320, 240)), "JPEG", quality=70)
    token = secrets.token_hex(8)
    site.markers[token] = variant
    with pytest.raises(SafeguardingBlock):
        workflows.capture_url(vault, worker, url=f"{site.base}/marker/{token}", case=vault.case("Case One"))
    assert vault.events()[-1][2].data["reason"] == "an image on the page looks like a picture on a hash list"
    assert_nowhere([variant, token.encode()], vault.folder, temp_root)

    other = encode(smooth_image(72), "JPEG", quality=80)
    token2 = secrets.token_hex(8)
    site.markers[token2] = other
    item = workflows.capture_url(vault, worker, url=f"{site.base}/marker/{token2}", case=vault.case("Case One"))
    assert item.kind == "web_capture" and vault.verify().ok
