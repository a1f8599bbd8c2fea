# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Other libraries' warnings stay off the user's terminal unless they ask with --debug (issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parents[2]
PILLOW_WARNING = "Palette images with Transparency expressed in bytes"


def _palette_png_with_byte_transparency(path: Path) -> Path:
    """The kind of picture that makes Pillow warn while the guard hashes it."""
    image = Image.new("P", (64, 64))
    image.putpalette([i % 256 for i in range(768)])
    image.putdata([(x * 3 + y) % 256 for y in range(64) for x in range(64)])
    image.save(path, transparency=bytes([0, 255] * 128))
    return path


def _run(*argv: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    return subprocess.run([sys.executable, "-m", "evidence_vault.cli.main", *argv], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_third_party_warnings_are_kept_for_debug(tmp_path):
    picture = _palette_png_with_byte_transparency(tmp_path / "palette.png")
    quiet = _run("hash-image", str(picture))
    assert quiet.returncode == 0 and "pdq:" in quiet.stdout
    assert PILLOW_WARNING not in quiet.stderr and "Warning" not in quiet.stderr
    loud = _run("--debug", "hash-image", str(picture))
    assert loud.returncode == 0 and PILLOW_WARNING in loud.stderr
