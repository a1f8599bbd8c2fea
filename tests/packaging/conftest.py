# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fixtures for the packaging tests (the desktop build, the setup scripts)."""

from __future__ import annotations

import pytest


@pytest.fixture
def x_display(xvfb):
    """The shared X server's display name (tests/conftest.py), for the windowed app's xcb plugin."""
    return xvfb
