# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Issue 22 in the window: "Add a bundle I received…" adds a staff member's sealed bundle to the
case off the window's thread, and an imported item's details say whose bundle it came from."""

from __future__ import annotations

from evidence_vault import Vault
from evidence_vault.bundle import export_bundle

from ui_support import STAFF_PASSPHRASE, open_vault, staff_bundle


def test_a_received_bundle_is_added_off_the_windows_thread_and_says_whose_it_is(window, qtbot, tmp_path):
    assert window.act_add_bundle.text() == "Add a bundle I received…"
    bundle, _code = staff_bundle(tmp_path)
    task = window.bundles.import_received_bundle(bundle)
    assert task is not None
    qtbot.waitUntil(lambda: window.bundles.bundle_task is None, timeout=120_000)
    assert "Added 1 item(s) from Sarah Smith's bundle" in window.main.banner.text.text()
    items = open_vault(window).items()
    [entry] = [i for i in items if i.info.get("source")]
    assert entry.kind == "incident" and entry.info["source"]["item_number"] == 1
    window.main.select_item(entry.id)
    qtbot.waitUntil(lambda: window.main.details.item is not None and window.main.details.item.id == entry.id)
    assert "\nFrom Sarah Smith's bundle (sealed " in window.main.details.when.text()
    assert window.main.details.heading.text() == f"Item {entry.id} · message, reported by Sarah Smith"

    window.bundles.import_received_bundle(bundle)  # the same bundle again: named, not added
    qtbot.waitUntil(lambda: window.bundles.bundle_task is None, timeout=120_000)
    assert "was already imported on" in window.main.banner.text.text()
    assert len(open_vault(window).items()) == len(items)


def test_a_listed_picture_in_a_received_bundle_shows_the_guidance_and_adds_nothing(window, qtbot, tmp_path):
    import hashlib
    import io

    from PIL import Image

    from evidence_vault.safeguarding.actions import add_hash_list
    from evidence_vault.safeguarding import parse_hash_list
    from ui.dialogs import GuidanceDialog

    picture = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 90)).save(picture, "PNG")
    shot = tmp_path / "phone-screenshot.png"
    shot.write_bytes(picture.getvalue())
    vault, _ = Vault.create(tmp_path / "staff", STAFF_PASSPHRASE, owner_name="Tom Jones", owner_role="TA")
    try:
        case = vault.add_case("Screenshots")
        vault.add_file(case, shot, guard=None)
        bundle = tmp_path / "tom-bundle.pdf"
        export_bundle(vault, case, bundle)
    finally:
        vault.close()
    add_hash_list(open_vault(window), parse_hash_list(
        f"sha256:{hashlib.sha256(shot.read_bytes()).hexdigest()}\n".encode(), name="Test list"))
    before = open_vault(window).items()
    window.bundles.import_received_bundle(bundle)
    qtbot.waitUntil(lambda: window.bundles.bundle_task is None, timeout=120_000)
    assert isinstance(window.dialog, GuidanceDialog)
    assert open_vault(window).items() == before
    assert open_vault(window).events()[-1][2].type == "capture_refused"  # text only
