# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Safeguarding commands (clause 71): blocklist, hash-image, flag, advice, quarantine, release,
police-ref, destroy.

Each is a few lines over ``evidence_vault.safeguarding`` (``actions`` does the work). None of
them prints a hash of anything in the vault; ``hash-image`` prints the hashes of a file the
user names, and writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import BlocklistFormatError, EvidenceVaultError, SafeguardingBlock, StorageError, UsageError
from ..safeguarding import image_hashes, load_hash_list, safeguarding_advice
from ..safeguarding import actions
from ..safeguarding.vault_guard import matcher_for_vault
from ..times import format_local
from .commands_vault import emit_json, open_vault

_LABELS = {"md5": "MD5", "sha1": "SHA-1", "sha256": "SHA-256", "pdq": "PDQ"}


def _counts(counts: dict[str, int]) -> str:
    parts = [f"{n:,} {_LABELS[kind]}" for kind, n in counts.items() if n]
    total = sum(counts.values())
    return f"{', '.join(parts)} ({total:,} hash{'es' if total != 1 else ''} in all)"


def _print_text(text: str) -> None:
    print(text, end="" if text.endswith("\n") else "\n", flush=True)


# -- hash lists ------------------------------------------------------------------------------
def cmd_blocklist(args) -> int:
    return {"add": _blocklist_add, "list": _blocklist_list, "remove": _blocklist_remove}[args.blocklist_command](args)


def _blocklist_add(args) -> int:
    path = Path(args.file)
    try:  # parsed completely before the vault is opened: a bad file changes nothing
        hash_list = load_hash_list(path, name=args.name)
    except BlocklistFormatError as exc:
        raise BlocklistFormatError(f"{path.name} was not loaded: {exc} Nothing from it was kept.") from exc
    with open_vault(args) as vault:
        actions.add_hash_list(vault, hash_list)
        coverage = matcher_for_vault(vault).coverage()
    print(f"Loaded the hash list '{hash_list.name}': {_counts(hash_list.counts)}.")
    print(coverage)
    return 0


def _blocklist_list(args) -> int:
    with open_vault(args) as vault:
        matcher = matcher_for_vault(vault)
    lists = [{**entry, "total": sum(entry["counts"].values())} for entry in matcher.summary()]
    if args.json:
        emit_json({"lists": lists, "coverage": matcher.coverage()})
        return 0
    for entry in lists:
        print(f"{entry['name']}: {_counts(entry['counts'])}")
    print(matcher.coverage())
    if not lists:
        print("Load a list you have been given with: evidence-vault blocklist add FILE")
    return 0


def _blocklist_remove(args) -> int:
    with open_vault(args) as vault:
        vault.hash_lists.remove(args.name)
        coverage = matcher_for_vault(vault).coverage()
    print(f"Removed the hash list '{args.name}'.")
    print(coverage)
    return 0


# -- hashing a picture (writes nothing, needs no vault) --------------------------------------
def cmd_hash_image(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"There is no file at {path}.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise StorageError(f"{path.name} could not be read: {exc.strerror or exc}.") from exc
    hashes = image_hashes(data)
    problem = actions.pdq_problem(hashes)
    if args.json:
        emit_json({"md5": hashes.md5, "sha1": hashes.sha1, "sha256": hashes.sha256, "pdq": hashes.pdq,
                   "pdq_quality": hashes.pdq_quality, "pdq_usable": problem is None,
                   "note": f"PDQ: {problem}." if problem else None})
        return 0
    for line in actions.hash_list_lines(hashes):
        print(line)
    if problem:
        print(f"warning: the PDQ hash of {path.name} cannot go on a list: {problem}. Only exact "
              "copies of this file would be recognised.", file=sys.stderr)
    return 0


# -- "I think this shows a child" ----------------------------------------------------------
def cmd_flag(args) -> int:
    """Nothing is captured. The advice comes first: it matters more than the record."""
    _print_text(safeguarding_advice())
    print()
    try:
        with open_vault(args) as vault:
            case = vault.find_case(args.case) if getattr(args, "case", None) else None
            shown = actions.record_self_flag(vault, getattr(args, "url", None), case=case)
    except EvidenceVaultError as exc:
        print(f"evidence-vault: nothing was captured, but your report could not be written in the "
              f"vault either ({exc}) Write the web address, the date and the time on paper instead.",
              file=sys.stderr)
        return SafeguardingBlock.exit_code
    what = f"the address {shown}" if shown else "that you flagged something"
    print(f"Nothing was captured or saved. Your vault's log now records {what} and the time, nothing else.")
    return SafeguardingBlock.exit_code


def cmd_advice(args) -> int:
    _print_text(safeguarding_advice())
    return 0


# -- quarantine, police reference, destruction ----------------------------------------------
def cmd_quarantine(args) -> int:
    with open_vault(args) as vault:
        vault.quarantine(args.id, reason=args.reason or actions.DEFAULT_QUARANTINE_REASON)
        extracted = vault.extractions(args.id)
    print(f"Item {args.id} is quarantined: it can no longer be opened, copied or exported.")
    for ex in extracted:  # copies made before: they must be found and handed to the police
        print(f"It was extracted before, on {format_local(ex['at'])}, to {ex['folder']} "
              f"({', '.join(ex['files'])}). Those copies are not encrypted: do not open them; "
              "tell the police where they are.")
    print(f"Contact the police, then record their reference: evidence-vault police-ref {args.id} REFERENCE")
    print("What to do next: evidence-vault advice")
    return 0


def cmd_release(args) -> int:
    """A lock made in error, undone deliberately: the reason and the lead who agreed, recorded.
    Nothing of the item is shown here; ``show`` or the window show it again, blurred first."""
    with open_vault(args) as vault:
        item = vault.release(args.id, reason=args.reason, agreed_by=args.agreed_by)
        agreed_by = vault.item_history(item.id).releases[-1]["agreed_by"]
    print(f"Item {item.id} is released from the lock, with the agreement of {agreed_by}. "
          "The release, your reason and who agreed are kept in its history. Nothing of it was shown.")
    return 0


def cmd_police_ref(args) -> int:
    with open_vault(args) as vault:
        vault.record_police_reference(args.id, args.reference)
    print(f"Recorded police reference {args.reference.strip()} for item {args.id}.")
    return 0


def _ask_to_destroy(item) -> bool:
    print(f"Item {item.id} ({item.kind}, case '{item.case}') will be destroyed for good: its encrypted "
          "files and their keys are erased and cannot be recovered. The vault's log keeps the fact "
          "that it existed, its SHA-256 and the police reference.")
    return input(f"Type DESTROY to destroy item {item.id}: ").strip() == "DESTROY"


def cmd_destroy(args) -> int:
    interactive = sys.stdin is not None and sys.stdin.isatty()
    if not args.yes and not interactive:
        raise UsageError("Destroying evidence must be confirmed: run this in a terminal, or add --yes.")
    confirm = (lambda _item: True) if args.yes else _ask_to_destroy
    with open_vault(args) as vault:
        actions.destroy_on_police_advice(vault, args.id, police_reference=args.police_ref, confirm=confirm)
    print(f"Item {args.id} was destroyed on police advice (reference {args.police_ref.strip()}). "
          "Its files and keys are gone; the log records that it existed.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("blocklist", help="load, list or remove hash lists of images that must be refused")
    bl = p.add_subparsers(dest="blocklist_command", required=True, metavar="add|list|remove")
    add = bl.add_parser("add", help="load a hash list file (CSV or one hash a line)")
    add.add_argument("file", metavar="FILE")
    add.add_argument("--name", help="what to call the list (default: the file name)")
    lst = bl.add_parser("list", help="the loaded lists and what they can recognise")
    lst.add_argument("--json", action="store_true")
    rm = bl.add_parser("remove", help="remove a loaded list")
    rm.add_argument("name", metavar="NAME")
    p.set_defaults(func=cmd_blocklist, json=False)

    p = sub.add_parser("hash-image", help="print a picture's hashes for a hash list (writes nothing)")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_hash_image)

    p = sub.add_parser("flag", help="this may show a child: capture NOTHING, record the address, get advice")
    p.add_argument("url", nargs="?", metavar="URL")
    p.add_argument("--case", help="the case it belongs to (its number or name), so it is listed there")
    p.set_defaults(func=cmd_flag)

    p = sub.add_parser("advice", help="what to do if you think something shows a child")
    p.set_defaults(func=cmd_advice)

    p = sub.add_parser("quarantine", help="lock an item that may show a child: never opened, copied or exported")
    p.add_argument("id", type=int)
    p.add_argument("--reason", help=f"why (default: '{actions.DEFAULT_QUARANTINE_REASON}')")
    p.set_defaults(func=cmd_quarantine)

    p = sub.add_parser("release", help="release an item locked away in error (reason and the safeguarding "
                                       "lead who agreed are recorded)")
    p.add_argument("id", type=int)
    p.add_argument("--reason", required=True, help="why it was locked away in error")
    p.add_argument("--agreed-by", required=True, metavar="NAME",
                   help="the designated safeguarding lead who agreed to release it")
    p.set_defaults(func=cmd_release)

    p = sub.add_parser("police-ref", help="record the police reference (crime or incident number) for an item")
    p.add_argument("id", type=int)
    p.add_argument("reference", metavar="REFERENCE")
    p.set_defaults(func=cmd_police_ref)

    p = sub.add_parser("destroy", help="on police advice, destroy a quarantined item for good")
    p.add_argument("id", type=int)
    p.add_argument("--police-ref", required=True, metavar="REFERENCE",
                   help="the police reference under which you were advised to destroy it")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation (for scripts)")
    p.set_defaults(func=cmd_destroy)
