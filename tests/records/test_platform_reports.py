# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reports to the platform (issue 23): kept as ledger events of the case, with the platform's
reply added later as words or as a screenshot that passes the clause-71 guard; verify covers them.

Real vault copies (tests/records/conftest.py: case 1 with items 1 and 2, case 2 empty), real
files, the real guard with the synthetic test hash list of the safeguarding tests.
"""

from __future__ import annotations

import pytest

from evidence_vault import NotFoundError, SafeguardingBlock, UsageError
from evidence_vault.platform_replies import add_reply
from evidence_vault.times import parse_user_time
from evidence_vault.vault.platform_reports import REPLY_EVENT, REPORT_EVENT

from tests.safeguarding.synthetic_images import encode, smooth_image

from .conftest import CASE_A, CASE_B


@pytest.fixture
def blocked_picture(vault) -> bytes:
    """A synthetic picture on a hash list the vault holds: the guard refuses it."""
    from evidence_vault.safeguarding import image_hashes, parse_hash_list
    from evidence_vault.safeguarding.vault_guard import vault_summary

    listed = encode(smooth_image(71))
    hash_list = parse_hash_list(f"pdq:{image_hashes(listed).pdq}\n".encode(), name="Synthetic list")
    vault.hash_lists.add(hash_list.name, hash_list.to_bytes(), vault_summary(hash_list))
    return listed


def _report(vault, **extra):
    case = vault.case(CASE_A)
    when = parse_user_time("27/11/2026 4.45pm", tz="Europe/London", month_first=False)
    return vault.platform_reports.record(case, platform=" Facebook ", reported_at=when.stored,
                                         reference="FB-2026-118", **extra)


def test_a_report_and_its_reply_are_events_of_the_case_in_the_ledger(vault):
    report = _report(vault, item_id=1)
    assert (report.number, report.platform, report.reference, report.item_id) == (1, "Facebook", "FB-2026-118", 1)
    assert report.reported_at == "2026-11-27T16:45:00Z" and not report.time_unknown and report.by
    last = vault.events()[-1][2]
    assert last.type == REPORT_EVENT and last.data["case_id"] == vault.case(CASE_A).id
    replied = vault.platform_reports.add_reply(1, text="  We reviewed the post and found it does not go "
                                               "against our Community Standards.  ", received_at="2026-11-29",
                                               time_unknown=True)
    assert len(replied.replies) == 1
    reply = replied.replies[0]
    assert reply.text.startswith("We reviewed the post") and reply.received_at == "2026-11-29"
    assert reply.time_unknown and reply.screenshot_item_id is None and vault.events()[-1][2].type == REPLY_EVENT
    second = vault.platform_reports.record(vault.case(CASE_B), platform="TikTok", reported_at="2026-11-28",
                                           time_unknown=True)
    assert second.number == 2 and second.reference is None
    assert [r.number for r in vault.platform_reports.all(vault.case(CASE_A))] == [1]
    assert [r.number for r in vault.platform_reports.all()] == [1, 2]
    report = vault.verify()
    assert report.ok, report.problems


def test_what_cannot_be_a_report_is_refused_in_words(vault):
    case = vault.case(CASE_A)
    with pytest.raises(UsageError, match="which platform"):
        vault.platform_reports.record(case, platform="  ", reported_at="2026-11-27")
    with pytest.raises(UsageError, match="not 'Parent emails'"):
        vault.platform_reports.record(vault.case(CASE_B), platform="X", reported_at="2026-11-27",
                                      time_unknown=True, item_id=1)
    with pytest.raises(NotFoundError, match="no report to a platform numbered 4"):
        vault.platform_reports.add_reply(4, text="hello")
    _report(vault)
    with pytest.raises(UsageError, match="paste its words, or add a screenshot"):
        vault.platform_reports.add_reply(1, text="   ")
    assert [e.type for _s, _h, e in vault.events()].count(REPLY_EVENT) == 0


def test_a_screenshot_of_the_reply_is_added_through_the_guard(vault, tmp_path):
    _report(vault)
    shot = tmp_path / "reply.png"
    shot.write_bytes(encode(smooth_image(3)))
    before = len(vault.items())
    report = add_reply(vault, 1, screenshot=shot, text=None, received=None)
    reply = report.replies[0]
    item = vault.item(reply.screenshot_item_id)
    assert len(vault.items()) == before + 1 and item.kind == "file" and item.case == CASE_A
    assert "reply from Facebook to report 1" in item.info["note"] and "FB-2026-118" in item.info["note"]
    assert vault.read_artefact(item.id, "original") == shot.read_bytes()
    assert vault.verify().ok


def test_a_screenshot_the_guard_refuses_adds_no_reply_and_no_byte(vault, tmp_path, blocked_picture):
    _report(vault)
    shot = tmp_path / "reply.png"
    shot.write_bytes(blocked_picture)
    items_before = len(vault.items())
    with pytest.raises(SafeguardingBlock):
        add_reply(vault, 1, screenshot=shot, text="they said no", received=None)
    assert len(vault.items()) == items_before
    types = [e.type for _s, _h, e in vault.events()]
    assert REPLY_EVENT not in types and types[-1] == "capture_refused"
    assert vault.platform_reports.get(1).replies == ()


def test_verify_reports_a_forged_report_or_reply(vault):
    """Events written with the vault's own key but naming what the ledger never made."""
    _report(vault)
    with vault.database.transaction("forging") as tx:
        vault._append(tx, REPLY_EVENT, {"report_id": 7, "case_id": 1, "received_at": None, "time_unknown": False,
                                        "text": "forged", "screenshot_item_id": None, "by": None})
        vault._append(tx, REPORT_EVENT, {"report_id": 5, "case_id": 2, "platform": "X", "reported_at": "2026-11-27",
                                         "time_unknown": True, "reference": None, "item_id": 1, "by": None})
        vault._append(tx, REPLY_EVENT, {"report_id": 1, "case_id": 2, "received_at": None, "time_unknown": False,
                                        "text": "moved", "screenshot_item_id": 99, "by": None})
    problems = vault.verify().problems
    assert any("answers report 7, which the ledger had not recorded" in p for p in problems)
    assert any("numbered 5, not 2" in p for p in problems)
    assert any("names item 1 of another case" in p for p in problems)
    assert any("names item 99, which the ledger had not added" in p for p in problems)
    assert any("filed in another case than report 1" in p for p in problems)


def test_a_reply_whose_screenshot_is_locked_away_stays_out_of_the_bundle(vault, tmp_path):
    """Clause 71: the reply names the locked item, so the bundle lists its entry without detail."""
    import subprocess

    from evidence_vault.bundle.export import export_bundle

    _report(vault, item_id=2)
    shot = tmp_path / "reply.png"
    shot.write_bytes(encode(smooth_image(4)))
    screenshot = add_reply(vault, 1, screenshot=shot, text="SECRET-REPLY-WORDS", received=None).replies[0]
    vault.platform_reports.add_reply(1, text="A second reply, in words only.")
    vault.quarantine(screenshot.screenshot_item_id)
    out = tmp_path / "bundle.pdf"
    export_bundle(vault, vault.case(CASE_A), out)
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Report 1 to Facebook" in text and "A second reply, in words only." in text
    assert "SECRET-REPLY-WORDS" not in text and f"item {screenshot.screenshot_item_id}" not in text
    assert "Locked away under the safeguarding policy (no detail)" in text


def test_a_time_not_in_the_vaults_form_is_refused(vault):
    case = vault.case(CASE_A)
    for bad, unknown in (("2026-11-27T16:45:00+01:00", False), ("27/11/2026", True), ("2026-11-27", False)):
        with pytest.raises(UsageError, match="as times.parse_user_time stores it"):
            vault.platform_reports.record(case, platform="X", reported_at=bad, time_unknown=unknown)
    assert vault.platform_reports.all() == []
