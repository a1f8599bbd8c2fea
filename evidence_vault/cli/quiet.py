# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Keeping other libraries' warnings off a frightened person's terminal (unless ``--debug``).

Why this module exists: Pillow, Playwright and others warn about things that are theirs to
fix ("Palette images with Transparency expressed in bytes should be converted to RGBA
images" appears while the guard checks an ordinary web page's pictures). Printed in the
middle of a capture it reads like something went wrong with the evidence. Such warnings are
technical details, so, like tracebacks, they are shown only with ``--debug``; Evidence
Vault's own warnings, and any ``-W``/``PYTHONWARNINGS`` the user set, still apply.
"""

from __future__ import annotations

import sys
import warnings


def quiet_third_party_warnings(*, debug: bool) -> None:
    if debug or sys.warnoptions:
        return
    warnings.filterwarnings("ignore")
    warnings.filterwarnings("default", module=r"evidence_vault(\..*)?$")
