# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""`evidence-vault gui --self-check --a11y-report FILE`: every control of the window and of each
dialog, opened offscreen, has a name a screen reader can say, and its text reads at 4.5:1 or
more on its background in the light, dark and high-contrast themes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_report_names_every_control_and_every_pair_reads_at_4_5_to_1(tmp_path):
    out = tmp_path / "a11y.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = Path(sys.executable).parent / "evidence-vault"  # the installed command, as a person runs it
    done = subprocess.run([str(command), "gui", "--self-check", "--a11y-report", str(out)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {"where", "class", "name", "text", "icon", "contrast"} <= set(rows[0])
    assert all(set(r["contrast"]) == {"light", "dark", "high_contrast"} for r in rows)
    unnamed = [r for r in rows if not r["name"].strip()]
    low = [r for r in rows if min(r["contrast"].values()) < 4.5]
    assert unnamed == [] and low == []
    places = {r["where"] for r in rows}
    for dialog in ("Capture a page", "Log an incident", "Add files", "Settings", "This may show a child",
                   "Make an evidence bundle", "Check a bundle I received", "Release from the lock",
                   # and those that came with issues 20, 22 and 23
                   "A bundle you received?", "This bundle has a password", "Hide words in redacted copies", "Hide part of item 2's picture",
                   "I reported this to the platform", "The reply from Facebook", "Evidence Vault user guide",
                   "Getting support", "Something went wrong inside Evidence Vault", "About this vault"):
        assert dialog in places, sorted(places)
    assert any(p.startswith("Reports to the platform: ") for p in places)
    assert {"Evidence Vault \u203a main window", "Evidence Vault \u203a create your vault",
            "Evidence Vault \u203a unlock", "Evidence Vault \u203a menu Add evidence"} <= places
    # the report is about the real controls: the primary action and its icon are in it
    add = next(r for r in rows if r["text"] == "Add evidence")
    assert add["icon"] and add["class"] == "QToolButton"
    assert f"{len(rows)} controls" in done.stdout and "0 without a name, 0 with contrast under 4.5:1" in done.stdout
