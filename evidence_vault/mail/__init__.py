# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Emails kept as evidence (policy clause 70: "preserve all evidence by not deleting emails").

Named ``mail`` so as not to shadow the standard library's ``email`` package, which does the
reading of .eml files. The public surface: ``add_email``/``recheck_email`` (also reachable as
``evidence_vault.workflows``), the DKIM check with its DNS hook, and the readers, for the app.
docs/email.md says what is stored and what a DKIM result means.
"""

from ._dkim import (
    FAIL, NO_SIGNATURE, NOT_POSSIBLE, OFFLINE, PASS, DkimResult, DnsLookup, DnsUnavailable,
    SystemDns, check_dkim,
)
from ._eml import parse_eml
from ._html import html_to_text
from ._intake import add_email, dkim_history, email_date_of, is_email, is_email_file, recheck_email
from ._model import ParsedEmail, Part
from ._msg import parse_msg

__all__ = [
    "add_email", "recheck_email", "dkim_history", "email_date_of", "is_email", "is_email_file",
    "check_dkim", "DkimResult", "DnsLookup", "DnsUnavailable", "SystemDns",
    "PASS", "FAIL", "NO_SIGNATURE", "OFFLINE", "NOT_POSSIBLE",
    "parse_eml", "parse_msg", "html_to_text", "ParsedEmail", "Part",
]
