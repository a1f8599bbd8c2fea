# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``verify_bundle``: check a bundle with nothing but the file (no vault, no passphrase).

Order (every failure is one plain line; later steps still run where they can):
1. the file is a readable PDF (and, if encrypted, the password opens it);
2. exactly one signature, cryptographically valid, covering the whole file: bytes appended,
   an incremental update or a rewrite by another tool are each named as such;
3. the timestamp, if present, is intact and covers the signature;
4. the manifest: known format version; every attachment's SHA-256 and size as listed, none
   missing, none extra;
5. the history: each listed event body hashes (ledger.chain_hash) to its listed hash from the
   hash before it; the list ends at the signed checkpoint's head; each original's SHA-256 is
   the one recorded when its item was added;
6. the checkpoint's signature under the embedded key, and that key being the key of the PDF
   signature's certificate (or, for an organisation seal, the key the manifest names).
The signer's certificate fingerprint and name are always reported, to compare by phone.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BundlePasswordError, UsageError
from ..vault import checkpoints as cp
from ..vault.ledger import GENESIS_PREV, chain_hash
from . import manifest as mf
from .signature_check import check_signature, open_pdf


@dataclass
class BundleReport:
    failures: list[str] = field(default_factory=list)
    signer_name: str | None = None
    signer_fingerprint: str | None = None
    details: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_json(self) -> dict:
        return {"ok": self.ok, "failures": list(self.failures), "signer_name": self.signer_name,
                "signer_fingerprint": self.signer_fingerprint, **self.details}


def verify_bundle(path, *, password: str | None = None) -> BundleReport:
    path = Path(path)
    if not path.is_file():
        raise UsageError(f"There is no file at {path}.")
    report = BundleReport()
    reader, fh = open_pdf(path, password, report, BundlePasswordError)
    if reader is None:
        return report
    try:
        signer_key = check_signature(reader, path, report)
        files = _attachments(reader, report)
    finally:
        fh.close()
    man = _manifest(files, report)
    if man is None:
        return report
    _check_files(man, files, report)
    _check_history(man, files, signer_key, report)
    return report


def _attachments(reader, report) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    try:
        names = reader.root.get("/Names")
        tree = names.get_object().get("/EmbeddedFiles") if names is not None else None
        pairs = _name_tree(tree.get_object()) if tree is not None else []
        for name, spec in pairs:
            spec = spec.get_object()
            ef = spec["/EF"].get_object()
            stream = (ef.get("/UF") or ef["/F"]).get_object()
            if name in files:
                report.failures.append(f"attachments: two files are called {name}")
            files[name] = stream.data
    except Exception as exc:  # noqa: BLE001 - any parse error of a hostile file is a finding
        report.failures.append(f"attachments: the list of attached files cannot be read ({type(exc).__name__})")
    report.details["attachments"] = len(files)
    return files


def _name_tree(node, depth: int = 0) -> list:
    if depth > 16:
        raise ValueError("name tree too deep")
    out = []
    if "/Names" in node:
        arr = node["/Names"].get_object()
        for i in range(0, len(arr) - 1, 2):
            out.append((str(arr[i]), arr[i + 1]))
    for kid in node.get("/Kids", []) or []:
        out.extend(_name_tree(kid.get_object(), depth + 1))
    return out


def _manifest(files: dict, report) -> dict | None:
    raw = files.get(mf.MANIFEST_NAME)
    if raw is None:
        report.failures.append("manifest: manifest.json is not attached, so the originals cannot be checked")
        return None
    try:
        man = json.loads(raw)
        if not isinstance(man, dict):
            raise ValueError
    except ValueError:
        report.failures.append("manifest: manifest.json is not valid JSON")
        return None
    if man.get("format") != mf.FORMAT_NAME:
        report.failures.append("manifest: this is not an Evidence Vault bundle manifest")
        return None
    version = man.get("version")
    if not isinstance(version, int) or version > mf.FORMAT_VERSION or version < 1:
        report.failures.append(
            f"manifest: bundle format {version} was made by a newer Evidence Vault; this checker reads "
            f"format {mf.FORMAT_VERSION}. Update Evidence Vault to check it.")
        return None
    report.details["case"] = (man.get("case") or {}).get("name")
    report.details["prepared_by"] = man.get("prepared_by")
    report.details["items"] = len(man.get("items") or [])
    return man


def _check_files(man: dict, files: dict, report) -> None:
    listed = {}
    for entry in man.get("attachments") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            listed[entry["name"]] = entry
    for name, entry in sorted(listed.items()):
        data = files.get(name)
        if data is None:
            report.failures.append(f"attachment {name}: missing (listed in the manifest, not in the PDF)")
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256") or len(data) != entry.get("size"):
            report.failures.append(f"attachment {name}: its SHA-256 does not match the manifest (changed)")
    for name in sorted(set(files) - set(listed) - {mf.MANIFEST_NAME}):
        report.failures.append(f"attachment {name}: not listed in the manifest (added)")


def _check_history(man: dict, files: dict, signer_key: bytes | None, report) -> None:
    chain = man.get("chain") or {}
    hashes = chain.get("hashes") if isinstance(chain.get("hashes"), list) else []
    checkpoint = _checkpoint(files, report)
    events_ok = True
    by_seq = {}
    for e in man.get("events") or []:
        seq = e.get("seq") if isinstance(e, dict) else None
        if not isinstance(seq, int) or not 1 <= seq <= len(hashes):
            report.failures.append(f"history: event {seq} lies outside the listed history")
            events_ok = False
            continue
        prev = hashes[seq - 2] if seq > 1 else GENESIS_PREV
        if e.get("hash") != hashes[seq - 1]:
            report.failures.append(f"history: event {seq}: its hash differs from the listed history")
            events_ok = False
        if "body" in e:
            body = e["body"]
            try:
                recomputed = chain_hash(prev, body.encode("utf-8"))
                parsed = json.loads(body)
            except (AttributeError, ValueError, TypeError):
                report.failures.append(f"history: event {seq}: its content is not readable")
                events_ok = False
                continue
            if recomputed != hashes[seq - 1] or parsed.get("seq") != seq:
                report.failures.append(f"history: event {seq}: its content does not hash to the listed value (edited)")
                events_ok = False
            else:
                by_seq[seq] = parsed
    _check_originals(man, by_seq, report)
    report.details["events_checked"] = len(by_seq)
    if checkpoint is None:
        return
    public_der, check = checkpoint
    report.details["checkpoint"] = {"seq": check.seq, "head": check.head, "at": check.at,
                                    "key_sha256": cp.fingerprint(public_der)}
    try:
        valid = cp.is_valid(cp.public_from_bytes(public_der), check)
    except ValueError:
        valid = False
    if not valid:
        report.failures.append("checkpoint: its signature is not valid under the key it carries")
    if check.vault_id != man.get("vault_id"):
        report.failures.append("checkpoint: it belongs to a different vault than the manifest names")
    if not hashes or check.seq != len(hashes) or hashes[-1] != check.head:
        report.failures.append("history: the listed event hashes do not end at the signed checkpoint")
    elif events_ok:
        report.details["history"] = f"{len(hashes)} events up to the signed checkpoint"
    created = by_seq.get(1)
    if created and created.get("type") == "vault_created":
        if (created.get("data") or {}).get("signing_key_sha256") != cp.fingerprint(public_der):
            report.failures.append("checkpoint: its key is not the key the vault was created with")
    signer = man.get("signer") or {}
    if signer.get("certificate_sha256") != report.signer_fingerprint:
        report.failures.append(
            f"signature: the certificate that signed the PDF ({_fp(report.signer_fingerprint)}) is not the one "
            f"the manifest names ({_fp(signer.get('certificate_sha256'))})")
    if signer.get("vault_key", True):
        if signer_key is not None and signer_key != public_der:
            report.failures.append(
                f"signature: the PDF was signed with a different key (certificate {_fp(report.signer_fingerprint)}) "
                f"than the key that signed the vault's checkpoint (key {_fp(cp.fingerprint(public_der))})")
    elif signer.get("vault_public_key_sha256") != cp.fingerprint(public_der):
        report.failures.append("checkpoint: its key is not the vault key the manifest names")


def _check_originals(man: dict, events: dict, report) -> None:
    """Each original's SHA-256 is the one sealed into the history when its item was added."""
    recorded = {}
    for body in events.values():
        if body.get("type") == "item_added":
            item = (body.get("data") or {}).get("item_id")
            for a in body.get("artefacts") or []:
                if isinstance(a, dict):
                    recorded[(item, a.get("role"))] = (a.get("sha256"), a.get("size"))
    for entry in man.get("attachments") or []:
        if not isinstance(entry, dict) or entry.get("item") is None or entry.get("role") == "record":
            continue
        want = recorded.get((entry.get("item"), entry.get("role")))
        if want is None:
            report.failures.append(f"history: {entry.get('name')} has no record of being added to the vault")
        elif want != (entry.get("sha256"), entry.get("size")):
            report.failures.append(f"history: {entry.get('name')} differs from the file recorded when it was added")


def _checkpoint(files: dict, report):
    raw = files.get(mf.CHECKPOINT_NAME)
    if raw is None:
        report.failures.append("checkpoint: checkpoint.json is not attached")
        return None
    try:
        doc = json.loads(raw)
        public_der = base64.b64decode(doc["public_key"], validate=True)
        check = cp.Checkpoint.from_json(doc["checkpoint"])
    except (ValueError, KeyError, TypeError):
        report.failures.append("checkpoint: checkpoint.json is not readable")
        return None
    return public_der, check


def _fp(value) -> str:
    return (str(value)[:16] + "…") if value else "none"
