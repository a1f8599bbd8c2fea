# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``redact``: mark what a redacted copy of an item hides (words, boxes on the screen print).

The original is never changed: each redaction is one entry in the vault's history, and only
``export --redacted`` applies them (docs/cli.md, docs/user-guide.md "Making a redacted copy").
"""

from __future__ import annotations

import shlex

from ..errors import UsageError
from ..times import format_local_short
from .commands_vault import emit_json, open_vault


def cmd_redact(args) -> int:
    asked = bool(args.text or args.box or args.undo is not None)
    if not asked and not args.list:
        raise UsageError("Say what to hide: --text \"EXACT WORDS\" or --box X,Y,W,H (pixels of the screen print), "
                         "or --list to see the item's redactions, --undo N to take one back.")
    if args.undo is not None and (args.text or args.box):
        raise UsageError("--undo takes a redaction back on its own; give --text or --box in a separate command.")
    from .. import redacting

    done = []
    with open_vault(args) as vault:
        item_id = _item_number(args.item)
        # Every request is checked before the first is recorded: one bad box writes nothing.
        boxes = [redacting.parse_box(b) for b in args.box or []]
        for text in args.text or []:
            redacting.check_text(vault, item_id, text)
        if boxes:
            redacting.check_box(vault, item_id, boxes)
        if args.undo is not None:
            done.append(redacting.undo(vault, item_id, args.undo))
        for text in args.text or []:
            done.append(redacting.redact_text(vault, item_id, text))
        for box in boxes:
            done.append(redacting.redact_box(vault, item_id, box))
        in_force = redacting.listing(vault, item_id)
        case = vault.item(item_id).case
    if args.json:
        emit_json({"item": item_id, "done": [_done_json(d) for d in done],
                   "redactions": [r.to_json() for r in in_force]})
        return 0
    for d in done:
        if args.undo is not None and d is done[0]:
            print(f"Took back redaction {d.redaction.seq} of item {d.item_id} ({d.redaction.describe()}).")
        else:
            print(f"Item {d.item_id}: redaction {d.redaction.seq} recorded: {d.redaction.describe()} will be hidden "
                  "in redacted copies. The original is unchanged. (To take it back: "
                  f"evidence-vault redact {d.item_id} --undo {d.redaction.seq})")
        if d.note:
            print(f"  Note: {d.note}")
    if args.list or not done:
        _print_list(item_id, in_force)
    if done:
        print(f"Make the copy with: evidence-vault export --case {shlex.quote(case)} --redacted -o FILE.pdf")
    return 0


def _item_number(text) -> int:
    try:
        return int(str(text).lstrip("#"))
    except ValueError:
        raise UsageError(f"Give the item's number (as 'evidence-vault list' shows it), not '{text}'.") from None


def _done_json(d) -> dict:
    return {"item": d.item_id, "redaction": d.redaction.to_json() if d.redaction else None,
            "rendering_sha256": d.rendering, "note": d.note}


def _print_list(item_id: int, in_force: list) -> None:
    if not in_force:
        print(f"Item {item_id} has no redactions: a redacted copy shows it as it is.")
        return
    print(f"Item {item_id}: {len(in_force)} redaction(s) in force (take one back with --undo N):")
    for r in in_force:
        print(f"  {r.seq:>5}  {format_local_short(r.at)}  by {r.by or 'unknown'}: {r.describe()}")


def register(sub) -> None:
    p = sub.add_parser("redact", help="hide words or part of a screen print in redacted copies of an item")
    p.add_argument("item", metavar="ITEM", help="the item's number")
    p.add_argument("--text", action="append", metavar="\"WORDS\"",
                   help="words to hide from the item's title, notes and page text (any number of times)")
    p.add_argument("--box", action="append", metavar="X,Y,W,H",
                   help="a rectangle to black out, in the screen print's own pixels from its top left corner "
                        "(any number of times)")
    p.add_argument("--list", action="store_true", help="show the item's redactions")
    p.add_argument("--undo", type=int, metavar="N", help="take back redaction N (its number from --list)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_redact)


__all__ = ["register"]
