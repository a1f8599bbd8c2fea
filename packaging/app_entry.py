# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Frozen entry of the windowed desktop app (build.spec builds it only when ui/app.py exists)."""

import sys

from ui.app import main

sys.exit(main())
