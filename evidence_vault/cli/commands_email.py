# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Email commands: ``add-email`` and ``recheck-email`` (clause 70: keep emails as evidence).

A few lines each over ``workflows.add_email``/``recheck_email``; the guard, the DKIM check and
what is stored live in evidence_vault/mail. ``show_extras`` gives ``show`` what an email
item or a picture adds (the DKIM history, the time a picture says it was taken).
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

from .. import workflows
from ..errors import DuplicateFileError, UsageError
from ..mail import SystemDns, dkim_history
from ..times import format_local
from .commands_vault import _interactive, open_vault


def _dns(args):
    """``--dns-server HOST[:PORT]``: ask that server for signing keys; else this computer's DNS."""
    if not args.dns_server:
        return None
    text = args.dns_server.strip()
    host, port = text, "53"
    if text.count(":") == 1:  # an IPv6 address has several colons and no port here
        host, _, port = text.partition(":")
    try:
        ipaddress.ip_address(host)
        return SystemDns(nameservers=[host], port=int(port))
    except ValueError:
        raise UsageError(f"'{text}' is not a DNS server address: write it like 192.0.2.53 "
                         "or 192.0.2.53:5353.") from None


def cmd_add_email(args) -> int:
    from . import happened as when
    path = Path(args.file)
    dns = _dns(args)
    happened, answered = when.from_args(args)
    hints = workflows.file_hints(path) if path.is_file() else []
    if _interactive() and not answered:
        happened = when.ask(path, hints)
    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        try:
            item = workflows.add_email(vault, case, path, dns=dns, note=args.note, again=args.again,
                                       happened=happened)
        except DuplicateFileError as exc:  # asked as add-file asks
            if not _interactive():
                raise
            print(f"{exc}")
            if input("Add it again anyway? Type yes to add it: ").strip().lower() not in ("y", "yes"):
                raise UsageError("Not added: the email is already in the vault.") from None
            item = workflows.add_email(vault, case, path, dns=dns, note=args.note, again=True,
                                       happened=happened)
        result = dkim_history(vault, item.id)[-1]
    info = item.info
    print(f"Kept email item {item.id} in case '{item.case}': \u201c{info.get('subject') or '(no subject)'}\u201d "
          f"from {info.get('from') or '(no sender)'}")
    print(f"  {info.get('attachments', 0)} attachment(s) and picture(s) checked and listed; "
          f"fingerprint of the file {item.main_sha256}")
    print(f"  signature check (DKIM): {_words(result)}")
    for line in when.say(item, hints):
        print(line)
    return 0


def cmd_recheck_email(args) -> int:
    dns = _dns(args)
    with open_vault(args) as vault:
        result = workflows.recheck_email(vault, args.id, dns=dns)
    print(f"Item {args.id}: {result.in_words()}")
    print("  recorded in the vault's history; the email and its first result are unchanged.")
    return 0


def _words(entry: dict) -> str:
    status = entry.get("status") or "not recorded"
    domain = entry.get("domain")
    return f"{status}{f' (signed by {domain})' if domain and status == 'pass' else ''}"


def show_extras(vault, item) -> tuple[list[str], dict]:
    """What ``show`` adds for an email (its DKIM results) or a picture (its own time):
    lines for people, and keys for ``--json``."""
    lines, record = [], {}
    taken = item.info.get("taken_at_according_to_file")
    if taken:
        lines.append(f"  taken at, according to the file: {taken.get('shown')} "
                     f"({taken.get('source')}; not checked, a file's clock can be wrong)")
    if item.kind == "email":
        record["dkim_history"] = dkim_history(vault, item.id)
        for entry in record["dkim_history"]:
            lines.append(f"  signature check (DKIM) {entry.get('when')}, "
                         f"{format_local(entry.get('checked_at'), seconds=True)}: {_words(entry)}")
    return lines, record


def _dns_option(p) -> None:
    p.add_argument("--dns-server", metavar="HOST[:PORT]",
                   help="ask this DNS server for the signing key (default: this computer's)")


def register(sub) -> None:
    p = sub.add_parser("add-email", help="keep an email (.eml or .msg) as evidence")
    p.add_argument("--case", required=True, help="the case to add the email to")
    p.add_argument("--note")
    p.add_argument("--again", action="store_true",
                   help="add it even if the same file is already in the vault")
    from .happened import add_options
    add_options(p)
    _dns_option(p)
    p.add_argument("file", metavar="FILE", help="the email saved from the mailbox, .eml or .msg")
    p.set_defaults(func=cmd_add_email)

    p = sub.add_parser("recheck-email", help="check an email's signature (DKIM) again, e.g. once online")
    p.add_argument("id", type=int, metavar="ID")
    _dns_option(p)
    p.set_defaults(func=cmd_recheck_email)
