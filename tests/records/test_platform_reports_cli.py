# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Reports to the platform through the real ``evidence-vault`` command (issue 23): recorded,
replied to (words and a screenshot), listed, checked by verify, and printed in an exported
bundle that poppler reads and verify-bundle accepts."""

from __future__ import annotations

import json
import subprocess

from tests.safeguarding.synthetic_images import encode, smooth_image
from tests.vault.helpers import one_line_error, run_cli

from .conftest import CASE_A, CASE_B

LONDON = {"TZ": "Europe/London", "LANG": "en_GB.UTF-8"}
REPLY = "We reviewed the post you reported and found that it does not go against our Community Standards."


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


def test_report_reply_list_verify_and_the_bundle_page(vault_dir, tmp_path):
    made = ok(run_cli(vault_dir, "report-to-platform", "--case", CASE_A, "--platform", "Facebook",
                      "--at", "27/11/2026 4.45pm", "--reference", "FB-2026-118", "--item", "1", env=LONDON)).stdout
    assert "Recorded report 1 in case 'Comments about Ms Smith'" in made
    assert "Reported to Facebook on Fri 27 Nov 2026, 16:45 GMT, reference FB-2026-118 (about item 1)" in made
    assert "platform-reply --report 1" in made

    replied = ok(run_cli(vault_dir, "platform-reply", "--report", "1", "--text", REPLY, "--at", "29/11/2026",
                         "--time-unknown", env=LONDON)).stdout
    assert "Reply received Sun 29 Nov 2026, time not known." in replied and REPLY in replied
    shot = tmp_path / "facebook-reply.png"
    shot.write_bytes(encode(smooth_image(5)))
    with_shot = json.loads(ok(run_cli(vault_dir, "platform-reply", "--report", "1", "--screenshot", str(shot),
                                      "--json", env=LONDON)).stdout)
    screenshot_item = with_shot["replies"][1]["screenshot_item_id"]
    assert screenshot_item == 3 and with_shot["replies"][1]["text"] is None

    other = ok(run_cli(vault_dir, "report-to-platform", "--case", CASE_B, "--platform", "TikTok",
                       "--at", "28/11/2026", "--time-unknown", env=LONDON)).stdout
    assert "Recorded report 2 in case 'Parent emails'" in other and "no reference given" in other

    listed = ok(run_cli(vault_dir, "platform-reports", "--case", CASE_A, env=LONDON)).stdout
    assert "Report 1: Reported to Facebook" in listed and "TikTok" not in listed
    assert "Reply added" in listed and f"screenshot: item {screenshot_item}" in listed
    everything = ok(run_cli(vault_dir, "platform-reports", env=LONDON)).stdout
    assert "Case 'Parent emails':" in everything and "No reply recorded yet" in everything
    assert ok(run_cli(vault_dir, "verify")).returncode == 0

    bundle = tmp_path / "bundle.pdf"
    ok(run_cli(vault_dir, "export", "--case", CASE_A, "-o", str(bundle), env=LONDON, timeout=300))
    text = subprocess.run(["pdftotext", "-layout", str(bundle), "-"], capture_output=True, text=True,
                          check=True).stdout
    page = text[text.index("Reports to the platform"):]
    assert "Report 1 to Facebook" in page and "FB-2026-118" in page
    assert "Fri 27 Nov 2026, 16:45" in page and "Sun 29 Nov 2026, time not known" in page
    assert "does not go against our Community" in page and "Standards." in page
    assert f"item {screenshot_item} (page " in page
    assert "TikTok" not in text  # the other case's report stays out of this bundle
    custody = text[text.index("Chain of custody"):]
    assert "Reported to the platform – item 1: Facebook, reference FB-2026-118" in custody
    assert "The platform's reply added" in custody
    ok(run_cli(None, "verify-bundle", str(bundle), timeout=300))


def test_refusals_are_one_line_in_words(vault_dir, tmp_path):
    future = run_cli(vault_dir, "report-to-platform", "--case", CASE_A, "--platform", "X", "--at", "1/1/2099 9am")
    assert future.returncode == 2 and "in the future" in one_line_error(future)
    nothing = run_cli(vault_dir, "platform-reply", "--report", "1", "--text", "hi")
    assert nothing.returncode == 2 and "no report to a platform numbered 1" in one_line_error(nothing)
    ok(run_cli(vault_dir, "report-to-platform", "--case", CASE_A, "--platform", "X", "--at", "yesterday 9am"))
    empty = run_cli(vault_dir, "platform-reply", "--report", "1")
    assert empty.returncode == 2 and "paste its words (--text), or add a screenshot" in one_line_error(empty)
    wrong_case = run_cli(vault_dir, "report-to-platform", "--case", CASE_B, "--platform", "X", "--at",
                         "yesterday 9am", "--item", "1")
    assert wrong_case.returncode == 2 and "not 'Parent emails'" in one_line_error(wrong_case)
