# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Names the mail tests import (not from conftest: test folders without __init__.py share one
`conftest` module name, so that import would pick whichever folder loaded first)."""

PASSPHRASE = "correct horse battery staple"
CASE = "Emails from Pat"
