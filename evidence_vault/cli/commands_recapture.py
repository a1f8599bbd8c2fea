# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``recapture ID`` and ``recapture --case CASE``: check pages again, one line each.

The work is in ``evidence_vault.recapture``; this only picks the items, opens one browser
for all of them, and prints what each check found (the ledger keeps every check).
"""

from __future__ import annotations

from .. import recapture
from ..errors import UsageError
from .commands_capture import _worker
from .commands_vault import open_vault
from ..capture import CaptureOptions


def cmd_recapture(args) -> int:
    if (args.item is None) == (args.case is None):
        raise UsageError("Say what to check again: an item number (evidence-vault recapture 12) or a "
                         "whole case (evidence-vault recapture --case NAME).")
    options = CaptureOptions(timeout_s=args.timeout, dismiss_consent=args.dismiss_consent)
    options.check()
    with _worker(args) as worker:
        worker.start_browser()  # starts while the vault opens
        with open_vault(args) as vault:
            items = ([vault.item(args.item)] if args.item is not None
                     else recapture.latest_per_address(vault, args.case))
            if not items:
                print(f"Case '{args.case}' has no web page captures to check again.")
                return 0
            for item in items:
                result = recapture.recapture_item(vault, worker, item.id, options=options)
                print(result.line(), flush=True)
    return 0


def register(sub) -> None:
    p = sub.add_parser("recapture", help="capture pages again to see if they changed or were removed")
    p.add_argument("item", nargs="?", type=int, help="the item to check again")
    p.add_argument("--case", help="check again every page captured in this case")
    p.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="how long to wait for each page (default 30)")
    p.add_argument("--dismiss-consent", action="store_true",
                   help="close a cookie/consent banner before capturing (recorded)")
    p.set_defaults(func=cmd_recapture)
