# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""A senior leader's commands: ``import-bundle`` (a staff bundle as evidence) and ``timeline``.

``import-bundle`` checks the bundle exactly as ``verify-bundle`` does and refuses one that
fails (exit 1, nothing written), or, with ``--expect CODE``, one sealed by anyone but the person
who read out that code (exit 1, nothing written); a listed picture inside refuses the whole bundle (exit 3); the
same bundle twice names the earlier import (exit 2). ``timeline`` reads a case top to bottom:
date, time, who reported it, what (docs/cli.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..times import format_local, format_local_short, zone_name
from .commands_bundle import add_checking_options, checking_inputs, password_hint
from .commands_vault import emit_json, open_vault


def cmd_import_bundle(args) -> int:
    password, trusted = checking_inputs(args)
    from ..workflows import import_bundle

    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        with password_hint(password):
            done = import_bundle(vault, case, Path(args.file), password=password, trusted_timestamps=trusted,
                                 expect=args.expect)
    if args.json:
        emit_json(done.to_json())
        return 0
    src = done.provenance
    sealed = format_local(src["sealed_at"]) if src.get("sealed_at") else "time not known"
    print(f"Imported the bundle {Path(args.file).name} into case '{case.name}':")
    print(f"  From: {src.get('from_name')}" + (f", {src['from_role']}" if src.get("from_role") else ""))
    print(f"  Their code: {src.get('code')} " + ("(CONFIRMED: it matches the code you were given)"
          if src.get("sender_confirmed") else "(ask them to read theirs to you to be sure it was them; "
          "next time give it with --expect)"))
    print(f"  Sealed: {sealed} (by {src.get('sealed_at_from')})")
    print(f"  Bundle SHA-256: {src.get('bundle_sha256')}")
    print(f"  Kept as sealed: item {done.bundle_item.id}")
    for item in done.items:
        print(f"  Item {item.id}: {item.kind}, item {item.info['source']['item_number']} in their bundle")
    return 0


def cmd_timeline(args) -> int:
    from ..timeline import KIND_SAID, case_timeline, day_of

    since = day_of(args.since) if args.since else None
    until = day_of(args.until) if args.until else None
    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        entries = case_timeline(vault, case, person=args.person, kind=args.kind, since=since, until=until,
                                search=args.search)
    if args.json:
        emit_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print(f"Nothing in case '{case.name}' matches." if any(
            (args.person, args.kind, args.since, args.until, args.search)) else f"No evidence in case '{case.name}' yet.")
        return 0
    print(f"Case '{case.name}': what happened, in order")
    day = None
    for e in entries:
        when = format_local(e.at) if e.time_unknown else format_local_short(e.at)
        this_day, clock = (when.split(",")[0], "--:--") if e.time_unknown else (when.rsplit(" ", 1)[0], when.rsplit(" ", 1)[1])
        if this_day != day:
            print(f"\n{this_day}")
            day = this_day
        who = e.person + (f" ({e.role})" if e.role else "")
        marks = (" [WITHDRAWN]" if e.withdrawn else "") + ("" if e.state == "active" else f" [{e.state.upper()}]")
        label = "" if e.label == "happened" else f" ({e.label})"
        src = f" [their item {e.source['item_number']}]" if e.source else ""
        print(f"  {clock}{label}  {who}: {KIND_SAID.get(e.kind, e.kind)}, {e.what}{marks}  (item {e.item_id}{src})")
    print(f"\nTimes are in local time ({zone_name(entries[-1].at) if not entries[-1].time_unknown else 'local'}); "
          "'--:--': the time is not known. 'evidence-vault show ID' shows one item in full.", file=sys.stdout)
    return 0


def register(sub) -> None:
    p = sub.add_parser("import-bundle", help="add a bundle someone sent you to a case, as evidence (checked first)")
    p.add_argument("file", metavar="FILE.pdf")
    p.add_argument("--case", required=True, help="the case's number or name")
    add_checking_options(p, expect_help="the sender's code as they read it out to you; a bundle sealed by anyone "
                                        "else is refused (exit 1, nothing saved)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import_bundle)

    p = sub.add_parser("timeline", help="a case in the order things happened, across everyone who reported them")
    p.add_argument("--case", required=True, help="the case's number or name")
    p.add_argument("--person", metavar="NAME", help="only what this person reported (part of the name)")
    p.add_argument("--kind", metavar="K", help="only this kind: web page, incident, file, email")
    p.add_argument("--from", dest="since", metavar="DATE", help="from this day (local), e.g. 19/11/2026")
    p.add_argument("--to", dest="until", metavar="DATE", help="up to and including this day")
    p.add_argument("--search", metavar="TEXT", help="only items whose title, note or words contain TEXT")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_timeline)


__all__ = ["register"]
