"""Vault commands: init, passwd, case, note, add-file, list, show, log, verify, checkpoint, extract."""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

from .. import _version
from ..errors import EvidenceVaultError, IntegrityError, UsageError, VaultNotFoundError
from ..vault import INCIDENT_KINDS, Checkpoint, Vault
from ..vault.header import read_header
from . import secrets


@contextmanager
def open_vault(args):
    """Open the vault named by ``--vault`` with the passphrase from its usual sources."""
    folder = Path(args.vault)
    read_header(folder)  # say "no vault here" before asking for a passphrase
    vault = Vault.open(folder, secrets.current_passphrase(args))
    try:
        yield vault
    finally:
        vault.close()


def emit_json(value) -> None:
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


def parse_time(text: str | None) -> str:
    """An ISO 8601 time as UTC ISO with Z; a time with no zone is taken as this computer's local time."""
    if text is None:
        return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"'{text}' is not a date and time Evidence Vault understands. "
            "Write it like 2026-11-20T16:30 (local time) or 2026-11-20T16:30Z (UTC)."
        ) from None
    if when.tzinfo is None:
        when = when.astimezone()
    if when > datetime.now(timezone.utc):
        raise UsageError("That time is in the future. Give the time the incident happened.")
    return when.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


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
    if args.use_recovery_key:
        vault = Vault.open(folder, recovery_key=secrets.recovery_key(args))
    else:
        vault = Vault.open(folder, secrets.current_passphrase(args))
    try:
        vault.change_passphrase(secrets.new_passphrase(args))
    finally:
        vault.close()
    print("Passphrase changed. Your evidence was not touched; your recovery key still works.")
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
    with open_vault(args) as vault:
        item = vault.add_incident(vault.case(args.case), kind=args.kind, text=args.text,
                                  occurred_at=parse_time(args.at))
    print(f"Logged item {item.id} ({args.kind}, happened {item.info['occurred_at']}) in case '{item.case}'.")
    return 0


def cmd_add_file(args) -> int:
    path = Path(args.path)
    with open_vault(args) as vault:
        case = vault.case(args.case)
        # The clause-71 check, which also records a refusal. Imported here, not optional:
        # without it the file is not added (and the slow image libraries load only when needed).
        from ..safeguarding.actions import add_file_guarded
        item = add_file_guarded(vault, case, path, note=args.note)
    print(f"Added item {item.id}: {path.name} ({item.artefacts[0].size} bytes, SHA-256 {item.main_sha256})")
    return 0


def _describe(item) -> str:
    info = item.info
    if item.kind == "web_capture":
        return f"{info.get('title') or ''} <{info.get('final_url') or info.get('requested_url')}>"
    if item.kind == "file":
        return info.get("filename", "")
    return f"[{info.get('incident_kind')} at {info.get('occurred_at')}] {info.get('summary', '')}"


def cmd_list(args) -> int:
    with open_vault(args) as vault:
        items = vault.items(vault.case(args.case) if args.case else None)
    if args.json:
        emit_json([i.to_json(with_artefacts=False) for i in items])
        return 0
    if not items:
        print("No evidence stored yet.")
    for item in items:
        flag = "" if item.state == "active" else f" [{item.state.upper()}]"
        print(f"{item.id:>5}  {item.created_at}  {item.kind:<11}  {item.case}: {_describe(item)}{flag}")
    return 0


def cmd_show(args) -> int:
    with open_vault(args) as vault:
        item = vault.item(args.id)
        record = item.to_json()
        if item.kind == "web_capture" and item.state == "active":
            record["capture_metadata"] = json.loads(vault.read_artefact(item.id, "metadata"))
    if args.json:
        emit_json(record)
        return 0
    print(f"Item {item.id} ({item.kind}) in case '{item.case}', stored {item.created_at}, {item.state}")
    for key, value in sorted(item.info.items()):
        if value not in (None, "") and key != "created_at":
            print(f"  {key}: {value}")
    for artefact in item.artefacts:
        print(f"  - {artefact.role}: {artefact.filename} ({artefact.size} bytes) SHA-256 {artefact.sha256}")
    return 0


def cmd_log(args) -> int:
    with open_vault(args) as vault:
        events = vault.events()
    if args.json:
        emit_json([{"seq": s, "hash": h, **e.body()} for s, h, e in events])
        return 0
    for seq, digest, event in events:
        details = ", ".join(f"{k}={v}" for k, v in event.data.items() if k not in ("info", "owner"))
        print(f"{seq:>6}  {event.at}  {event.type:<26} {details}  #{digest[:12]}")
    return 0


def _read_checkpoint(path: str) -> Checkpoint:
    try:
        return Checkpoint.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
    except OSError as exc:
        raise UsageError(f"Could not read the checkpoint file {path}: {exc.strerror}.") from None
    except (ValueError, KeyError, TypeError):
        raise UsageError(f"{path} is not a checkpoint printed by 'evidence-vault checkpoint'.") from None


def cmd_verify(args) -> int:
    external = [_read_checkpoint(p) for p in args.checkpoint or []]
    with open_vault(args) as vault:
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
        written = vault.extract(args.id, Path(args.output))
    for path in written:
        print(path)
    return 0


def cmd_status(args) -> int:
    """What a user sees first: where the vault is, whether it exists, what to do next."""
    print(f"Evidence Vault {_version.__version__}")
    print(f"Vault folder: {args.vault}")
    try:
        parsed = read_header(Path(args.vault))
        print(f"Vault: present (created {parsed.header.created_at}, format {parsed.header.version}).")
        print("Next: 'evidence-vault list' to see your evidence, 'evidence-vault verify' to check it.")
    except VaultNotFoundError:
        print("Vault: not created yet. Create it with:  evidence-vault init")
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
    p.add_argument("--case", required=True)
    p.add_argument("--kind", required=True, choices=INCIDENT_KINDS)
    p.add_argument("--at", metavar="ISO-TIME", help="when it happened (default: now)")
    p.add_argument("text")
    p.set_defaults(func=cmd_note)

    p = sub.add_parser("add-file", help="import a file as evidence")
    p.add_argument("--case", required=True)
    p.add_argument("--note")
    p.add_argument("path")
    p.set_defaults(func=cmd_add_file)

    p = sub.add_parser("list", help="list evidence items")
    p.add_argument("--case")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="show one item")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("log", help="show the ledger of every change")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_log)

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
    p.set_defaults(func=cmd_extract)
