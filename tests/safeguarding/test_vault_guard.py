# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The guard over a real vault's stored hash lists, as the CLI's add-file uses it."""

from __future__ import annotations

import pytest
from synthetic_images import encode, smooth_image

from evidence_vault.safeguarding import BlockedImage, image_hashes, parse_hash_list
from evidence_vault.safeguarding.vault_guard import guard_for_vault, vault_summary
from evidence_vault.vault import Vault


@pytest.fixture
def vault(tmp_path):
    opened, _recovery = Vault.create(tmp_path / "vault", "correct horse battery staple",
                                     owner_name="Test Teacher", owner_role="teacher")
    yield opened
    opened.close()


def test_listed_file_is_refused_before_anything_is_stored(vault, tmp_path):
    listed = encode(smooth_image(61))
    hash_list = parse_hash_list(f"pdq:{image_hashes(listed).pdq}\n".encode(), name="Synthetic list")
    vault.hash_lists.add(hash_list.name, hash_list.to_bytes(), vault_summary(hash_list))
    case = vault.add_case("Test case")
    resized = tmp_path / "copy.jpg"
    smooth_image(61).resize((320, 240)).save(resized, "JPEG", quality=70)
    with pytest.raises(BlockedImage, match="Synthetic list"):
        vault.add_file(case, resized, guard=guard_for_vault(vault))
    assert vault.items(case) == []
    clean = tmp_path / "clean.png"
    clean.write_bytes(encode(smooth_image(62)))
    vault.add_file(case, clean, guard=guard_for_vault(vault))
    assert len(vault.items(case)) == 1


def test_guard_over_a_vault_without_lists_says_it_has_no_coverage(vault):
    record = guard_for_vault(vault).record()
    assert record["lists"] == [] and record["coverage"].startswith("No hash lists are loaded")


def test_matcher_is_built_once_per_open_vault_and_again_when_its_lists_change(vault):
    from evidence_vault.safeguarding.vault_guard import matcher_for_vault

    first = matcher_for_vault(vault)
    assert matcher_for_vault(vault) is first  # a second capture reuses it
    listed = encode(smooth_image(63))
    hash_list = parse_hash_list(f"pdq:{image_hashes(listed).pdq}\n".encode(), name="List A")
    vault.hash_lists.add(hash_list.name, hash_list.to_bytes(), vault_summary(hash_list))
    second = matcher_for_vault(vault)
    assert second is not first and [s["name"] for s in second.summary()] == ["List A"]
    assert matcher_for_vault(vault) is second
    with pytest.raises(BlockedImage):
        guard_for_vault(vault).inspect(kind="file", url="x.png", body=listed, content_type=None)
    # removed and added again under the same name with other content: rebuilt, not reused
    vault.hash_lists.remove("List A")
    other = parse_hash_list(f"pdq:{image_hashes(encode(smooth_image(64))).pdq}\n".encode(), name="List A")
    vault.hash_lists.add(other.name, other.to_bytes(), vault_summary(other))
    third = matcher_for_vault(vault)
    assert third is not second
    guard_for_vault(vault).inspect(kind="file", url="x.png", body=listed, content_type=None)
