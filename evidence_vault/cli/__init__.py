# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The thin command-line layer: parse, call the library, print, map errors to exit codes."""
