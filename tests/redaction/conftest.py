# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the redaction tests: the capture tests' real browser (loaded from
tests/capture/conftest.py, as the bundle tests do) and the redaction page's own server."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
CAPTURE_DIR = HERE.parent / "capture"
for folder in (CAPTURE_DIR, HERE.parent / "bundle", HERE.parent / "vault"):
    sys.path.insert(0, str(folder))
_spec = importlib.util.spec_from_file_location("redaction_capture_conftest", CAPTURE_DIR / "conftest.py")
_capture = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_capture)
site, test_flags, temp_root, worker = _capture.site, _capture.test_flags, _capture.temp_root, _capture.worker

import redaction_site  # noqa: E402


@pytest.fixture(scope="session")
def face_site():
    s = redaction_site.start()
    yield s
    s.server.shutdown()
    s.server.server_close()
