# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Tests of the vault, its crypto and its CLI (a package so module names never clash with
tests/capture or tests/safeguarding)."""
