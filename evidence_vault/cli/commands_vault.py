# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Vault commands: status, init, passwd, case, note, add-file, verify, checkpoint, extract.

``list``, ``show``, ``log``, ``withdraw`` and ``amend`` (reading and correcting records) are in
commands_records.py. Times are shown with evidence_vault.times, in local time with the zone.
"""

from __future__ import annotations

import json
import shlex
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .. import _version, known_vaults
from ..errors import (
    DuplicateFileError, EvidenceVaultError, IntegrityError, UsageError, VaultNotFoundError,
    WrongPassphraseError,
)
from ..paths import default_vault_dir
from ..times import format_local, parse_user_time, to_utc_iso
from ..vault import Checkpoint, Vault
from ..vault.header import read_header
from ..vault.kinds import kinds_in_words, normalise_kind
from . import secrets

RECOVERY_HINT = ("If you have forgotten it, your recovery key (the groups of letters you wrote down "
                 "when the vault was made) opens it: evidence-vault passwd --use-recovery-key")


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def check_vault_folder(folder: Path) -> None:
    """Say "no vault made *here* yet" (with the vaults opened before) instead of "no vault"."""
    try:
        read_header(folder)
    except VaultNotFoundError as exc:
        if folder.is_dir() and any(folder.iterdir()):
            raise  # a folder with other things in it: its own message says so
        raise VaultNotFoundError(known_vaults.no_vault_here(folder)) from exc


def unlock(folder: Path, passphrase: str, *, read_only: bool = False) -> Vault:
    """Open the vault; a passphrase that does not open it is answered with the recovery key."""
    try:
        vault = Vault.open(folder, passphrase, read_only=read_only)
    except WrongPassphraseError as exc:
        raise WrongPassphraseError(f"{exc} {RECOVERY_HINT}") from exc
    known_vaults.remember(folder)
    return vault


@contextmanager
def open_vault(args, *, read_only: bool = False):
    """Open the vault named by ``--vault`` with the passphrase from its usual sources."""
    folder = Path(args.vault)
    check_vault_folder(folder)  # say "no vault here" before asking for a passphrase
    vault = unlock(folder, secrets.current_passphrase(args), read_only=read_only)
    try:
        yield vault
    finally:
        vault.close()


def emit_json(value) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# -- commands ------------------------------------------------------------------------------
def cmd_init(args) -> int:
    name = args.name or (input("Your name (printed on evidence bundles): ") if sys.stdin.isatty() else "")
    role = args.role or (input("Your role (e.g. Teacher, Deputy Head): ") if sys.stdin.isatty() else "")
    if not name.strip() or not role.strip():
        raise UsageError("Give your name and role (--name, --role): they are printed on evidence bundles.")
    if args.passphrase_file or not sys.stdin.isatty():
        try:
            passphrase = secrets.current_passphrase(args)
        except UsageError:
            passphrase = secrets.new_passphrase(args)
    else:
        passphrase = secrets.new_passphrase(args)
    vault, recovery = Vault.create(Path(args.vault), passphrase, owner_name=name.strip(), owner_role=role.strip())
    vault.close()
    known_vaults.remember(Path(args.vault))
    print(f"Created your evidence vault in {args.vault}.")
    print()
    print("Your RECOVERY KEY (write it on paper and keep it somewhere safe; it is shown only once):")
    print()
    print(f"    {recovery}")
    print()
    print("If you forget your passphrase, this key is the only way back into your evidence.")
    return 0


def cmd_passwd(args) -> int:
    folder = Path(args.vault)
    check_vault_folder(folder)
    recovery = secrets.recovery_key(args) if args.use_recovery_key else None
    if recovery is not None:
        vault = Vault.open(folder, recovery_key=recovery)
    else:
        vault = unlock(folder, secrets.current_passphrase(args))
    try:
        vault.change_passphrase(secrets.new_passphrase(args), recovery_key=recovery)
    finally:
        vault.close()
    print("Passphrase changed. The vault's key changed with it, so an old copy of its header no "
          "longer opens it. Your evidence was not touched; your recovery key still works.")
    return 0


def cmd_case(args) -> int:
    with open_vault(args) as vault:
        if args.case_command == "add":
            case = vault.add_case(args.name)
            print(f"Created case {case.id}: {case.name}")
        else:
            cases = vault.cases()
            if args.json:
                emit_json([{"id": c.id, "name": c.name} for c in cases])
            elif not cases:
                print("No cases yet. Create one with: evidence-vault case add NAME")
            else:
                for case in cases:
                    print(f"{case.id:>4}  {case.name}")
    return 0


def cmd_note(args) -> int:
    if args.at is None:
        if args.time_unknown:
            raise UsageError("--time-unknown needs the day it happened, e.g. --at 27/11/2026 --time-unknown")
        now = datetime.now(timezone.utc)
        stored, words, unknown = to_utc_iso(now), f"{format_local(now)} (now)", False
    else:  # parsed before the vault is opened: a misreading costs nothing
        when = parse_user_time(args.at, time_unknown=args.time_unknown)
        stored, words, unknown = when.stored, when.words, when.time_unknown
    kind = normalise_kind(args.kind)  # also before the vault is opened
    with open_vault(args) as vault:
        item = vault.add_incident(vault.find_case(args.case), kind=kind, text=args.text,
                                  occurred_at=stored, time_unknown=unknown)
    kind = item.info["incident_kind"].replace("_", " ")
    print(f"Logged item {item.id} in case '{item.case}': {kind}, happened {words}.")
    return 0


def cmd_add_file(args) -> int:
    path = Path(args.path)
    # The clause-71 check (which also records a refusal) and the duplicate question live in
    # workflows.add_file; imported here so the capture and image libraries load only when needed.
    from .. import workflows
    from . import happened as when
    if not path.is_file():
        raise UsageError(f"There is no file at {path}.")
    happened, answered = when.from_args(args)  # before the vault opens: a misreading costs nothing
    hints = workflows.file_hints(path)
    note = args.note
    if _interactive():  # asked, with what the file says; never filled in from the file
        if not answered:
            happened = when.ask(path, hints)
        if note is None:
            note = when.ask_note()
    with open_vault(args) as vault:
        case = vault.find_case(args.case)
        try:
            item = workflows.add_file(vault, case, path, note=note, again=args.again, happened=happened)
        except DuplicateFileError as exc:
            if not _interactive():
                raise DuplicateFileError(f"{exc} To add it again, repeat the command with --again.",
                                         exc.existing) from None
            print(f"{exc}")
            if input("Add it again anyway? Type yes to add it: ").strip().lower() not in ("y", "yes"):
                raise UsageError("Not added: the file is already in the vault.") from None
            item = workflows.add_file(vault, case, path, note=note, again=True, happened=happened)
    print(f"Added item {item.id}: {path.name} ({item.artefacts[0].size} bytes, SHA-256 {item.main_sha256})")
    for line in when.say(item, hints):
        print(line)
    return 0


def _read_checkpoint(path: str) -> Checkpoint:
    if Path(path).exists() and not Path(path).is_file():  # a folder or a pipe: never wait on it
        raise UsageError(f"{path} is not a file; give the checkpoint file printed by 'evidence-vault checkpoint'.")
    try:
        return Checkpoint.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except OSError as exc:
        raise UsageError(f"Could not read the checkpoint file {path}: {exc.strerror}.") from None
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{path} is not a checkpoint printed by 'evidence-vault checkpoint'.") from None


def cmd_verify(args) -> int:
    external = [_read_checkpoint(p) for p in args.checkpoint or []]
    with open_vault(args, read_only=True) as vault:  # a forensic read: nothing is changed
        report = vault.verify(external_checkpoints=external)
    if args.json:
        emit_json(report.to_json())
    else:
        for warning in report.warnings:
            print(f"warning: {warning}")
    if not report.ok:
        raise IntegrityError(
            f"The vault FAILED verification: {len(report.problems)} problem(s) found. "
            "Keep the folder as it is and ask for help.", report.problems,
        )
    if not args.json:
        print(f"Vault verified: {report.events} events in an unbroken chain, {report.checkpoints} "
              f"signed checkpoint(s), {report.blobs} encrypted files ({report.bytes} bytes) intact.")
    return 0


def cmd_checkpoint(args) -> int:
    with open_vault(args) as vault:
        signed = vault.checkpoint()
    emit_json(signed.to_json())
    return 0


def cmd_extract(args) -> int:
    with open_vault(args) as vault:
        written = vault.extract(args.id, Path(args.output), force=args.force)
    for path in written:
        print(path)
    print(f"These copies are NOT encrypted: keep {args.output} safe and delete the copies when they are "
          "no longer needed. The vault's history records this extraction.")
    return 0


def hash_list_status(folder: Path) -> str:
    """Whether hash lists are loaded, in one calm sentence (counted without the passphrase:
    the list rows are sealed but their number is not)."""
    from ..vault.hash_lists import count_without_opening
    count = count_without_opening(folder)
    if count is None:
        return "Hash lists: could not be counted; 'evidence-vault blocklist list' shows them."
    if count:
        return f"Hash lists: {count} loaded; pictures are checked against them."
    return NO_HASH_LISTS


NO_HASH_LISTS = ("Hash lists: none loaded yet. That is normal until the police or your safeguarding "
                 "lead give you one; until then known images cannot be recognised automatically "
                 "(to add one: evidence-vault blocklist add FILE).")


def _command(args, command: str) -> str:
    """The command to type for this vault: with --vault unless it is the default one (a user
    who copied 'evidence-vault init' would make a second vault in the default folder)."""
    if Path(args.vault).expanduser().resolve() == Path(default_vault_dir()).expanduser().resolve():
        return f"evidence-vault {command}"
    return f"evidence-vault --vault {shlex.quote(str(args.vault))} {command}"


def cmd_status(args) -> int:
    """What a user sees first: where the vault is, whether it exists, what to do next."""
    print(f"Evidence Vault {_version.__version__}")
    print(f"Vault folder: {args.vault}")
    try:
        parsed = read_header(Path(args.vault))
        print(f"Vault: present (created {format_local(parsed.header.created_at)}, "
              f"format {parsed.header.version}).")
        print(hash_list_status(Path(args.vault)))
        print(f"Next: '{_command(args, 'list')}' to see your evidence, '{_command(args, 'verify')}' to check it.")
    except VaultNotFoundError:
        print(f"Vault: not created yet. Create it with:  {_command(args, 'init')}")
    try:
        from ..capture import find_browser
    except ImportError:  # a build without the capture engine
        find_browser = None
    if find_browser is not None:
        try:
            print(f"Browser for captures: {find_browser()}")
        except EvidenceVaultError as exc:  # its message is the advice to show
            print(f"Browser for captures: {exc}")
    print("Run 'evidence-vault --help' for every command.")
    return 0


def register(sub) -> None:
    p = sub.add_parser("status", help="where your vault is and whether it is ready")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("init", help="create a new vault")
    p.add_argument("--name", help="your name, printed on evidence bundles")
    p.add_argument("--role", help="your role, e.g. Teacher")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("passwd", help="change the vault passphrase")
    p.add_argument("--new-passphrase-file", metavar="FILE")
    p.add_argument("--use-recovery-key", action="store_true", help="unlock with the recovery key instead")
    p.add_argument("--recovery-key-file", metavar="FILE")
    p.set_defaults(func=cmd_passwd)

    p = sub.add_parser("case", help="create or list cases (investigation files)")
    case_sub = p.add_subparsers(dest="case_command", required=True, metavar="add|list")
    add = case_sub.add_parser("add", help="create a case")
    add.add_argument("name")
    lst = case_sub.add_parser("list", help="list cases")
    lst.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_case, json=False)

    p = sub.add_parser("note", help="log an incident (phone call, email, conversation …)")
    p.add_argument("--case", required=True, help="the case's number or name")
    p.add_argument("--kind", required=True, help=f"what it was: {kinds_in_words()}")
    p.add_argument("--at", metavar="WHEN", help="when it happened, in local time, e.g. '27/11/2026 16:30', "
                   "'yesterday 4.30pm', '9am' (default: now)")
    p.add_argument("--time-unknown", action="store_true",
                   help="--at gives only the day; record that the time is not known")
    p.add_argument("text")
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("add-file", help="import a file as evidence, with when it happened and a note")
    p.add_argument("--case", required=True, help="the case's number or name")
    p.add_argument("--note", help="what it shows or why it matters (a terminal asks when it is not given)")
    from .happened import add_options
    add_options(p)
    p.add_argument("--again", action="store_true",
                   help="add it even if the same file is already in the vault")
    p.add_argument("path")
    p.set_defaults(func=cmd_add_file)

    p = sub.add_parser("verify", help="check the whole vault for tampering or damage")
    p.add_argument("--json", action="store_true")
    p.add_argument("--checkpoint", action="append", metavar="FILE",
                   help="also check against a checkpoint held elsewhere (repeatable)")
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("checkpoint", help="sign the current state and print it to hand to someone")
    p.set_defaults(func=cmd_checkpoint)

    p = sub.add_parser("extract", help="write an item's original files, decrypted, to a folder")
    p.add_argument("id", type=int)
    p.add_argument("-o", "--output", required=True, metavar="DIR")
    p.add_argument("--force", action="store_true", help="replace files of the same name in DIR")
    p.set_defaults(func=cmd_extract)
