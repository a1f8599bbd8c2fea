# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""The manifest's history against the vault's signed checkpoint (docs/bundle-format.md, checks 6-9).

The checkpoint signs ``chain``, the SHA-256 of every listed event hash, so every hash up to it
is pinned, not only the last one; each event body the bundle carries must then hash to its
listed value from the one before it. A change anywhere below the checkpoint, even next to an
entry the bundle cannot show (a withheld item's), breaks one or the other.
"""

from __future__ import annotations

import base64
import json
import re

from ..vault import checkpoints as cp
from ..vault.ledger import GENESIS_PREV, chain_hash
from .timefmt import parse_utc

_HEX64 = re.compile(r"[0-9a-f]{64}")


def check_history(man: dict, checkpoint_raw: bytes | None, signer_key: bytes | None,
                  signer_fingerprint: str | None, report) -> dict:
    """Run checks 6-9; return the parsed event bodies by sequence number."""
    chain = man.get("chain") if isinstance(man.get("chain"), dict) else {}
    hashes = chain.get("hashes") if isinstance(chain.get("hashes"), list) else []
    if not all(isinstance(h, str) and _HEX64.fullmatch(h) for h in hashes):
        report.fail("history: the list of event hashes is malformed")
        hashes = []
    by_seq = _check_events(man, hashes, report)
    _check_originals(man, by_seq, report)
    report.details["events_checked"] = len(by_seq)
    checkpoint = _checkpoint(checkpoint_raw, report)
    if checkpoint is None:
        return by_seq
    public_der, check = checkpoint
    report.details["checkpoint"] = {"seq": check.seq, "head": check.head, "at": check.at,
                                    "chain": check.chain, "key_sha256": cp.fingerprint(public_der)}
    try:
        valid = cp.is_valid(cp.public_from_bytes(public_der), check)
    except ValueError:
        valid = False
    if not valid:
        report.fail("checkpoint: its signature is not valid under the key it carries")
    if check.vault_id != man.get("vault_id"):
        report.fail("checkpoint: it belongs to a different vault than the manifest names")
    if not hashes or check.seq != len(hashes) or hashes[-1] != check.head:
        report.fail("history: the listed event hashes do not end at the signed checkpoint")
    elif check.chain is None and man.get("version", 1) >= 2:
        report.fail("checkpoint: it does not sign the whole history (every bundle of this format has one that does)")
    elif check.chain is not None and cp.chain_digest(hashes) != check.chain:
        report.fail("history: the listed event hashes are not the ones the vault signed at its checkpoint "
                    "(an entry of the history was changed)")
    elif not report.failures:
        report.details["history"] = f"{len(hashes)} events up to the signed checkpoint"
    created = by_seq.get(1)
    if created and created.get("type") == "vault_created":
        if (created.get("data") or {}).get("signing_key_sha256") != cp.fingerprint(public_der):
            report.fail("checkpoint: its key is not the key the vault was created with")
    _check_signer(man, public_der, signer_key, signer_fingerprint, report)
    return by_seq


def _check_events(man: dict, hashes: list, report) -> dict:
    by_seq = {}
    for e in man.get("events") or []:
        seq = e.get("seq") if isinstance(e, dict) else None
        if type(seq) is not int or not 1 <= seq <= len(hashes):
            report.fail(f"history: event {str(seq)[:20]} lies outside the listed history")
            continue
        prev = hashes[seq - 2] if seq > 1 else GENESIS_PREV
        if e.get("hash") != hashes[seq - 1]:
            report.fail(f"history: event {seq}: its hash differs from the listed history")
        if "body" not in e:
            continue
        try:
            recomputed = chain_hash(prev, e["body"].encode("utf-8"))
            parsed = json.loads(e["body"])
        except (AttributeError, ValueError, TypeError):
            report.fail(f"history: event {seq}: its content is not readable")
            continue
        if recomputed != hashes[seq - 1] or not isinstance(parsed, dict) or parsed.get("seq") != seq:
            report.fail(f"history: event {seq}: its content does not hash to the listed value (edited)")
        else:
            by_seq[seq] = parsed
    return by_seq


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
        if not isinstance(entry, dict) or entry.get("item") is None or entry.get("role") in ("record", "typed_text"):
            continue
        want = recorded.get((entry.get("item"), entry.get("role")))
        if entry.get("redacted") is True:  # a redacted copy's rendering: its original must be the one added
            if want is not None and want != (entry.get("original_sha256"), entry.get("original_size")):
                report.fail(f"history: {str(entry.get('name'))[:80]} says it was made from a file the vault "
                            "never added")
            continue
        if want is None:
            report.fail(f"history: {str(entry.get('name'))[:80]} has no record of being added to the vault")
        elif want != (entry.get("sha256"), entry.get("size")):
            report.fail(f"history: {str(entry.get('name'))[:80]} differs from the file recorded when it was added")


def _checkpoint(raw: bytes | None, report):
    if raw is None:
        report.fail("checkpoint: checkpoint.json is not attached")
        return None
    try:
        doc = json.loads(raw)
        public_der = base64.b64decode(doc["public_key"], validate=True)
        check = cp.Checkpoint.from_json(doc["checkpoint"])
    except (ValueError, KeyError, TypeError):
        report.fail("checkpoint: checkpoint.json is not readable")
        return None
    return public_der, check


def _check_signer(man: dict, public_der: bytes, signer_key, signer_fingerprint, report) -> None:
    signer = man.get("signer") if isinstance(man.get("signer"), dict) else {}
    if signer.get("certificate_sha256") != signer_fingerprint:
        report.fail(f"signature: the certificate that signed the PDF ({_fp(signer_fingerprint)}) is not the one "
                    f"the manifest names ({_fp(signer.get('certificate_sha256'))})")
    if signer.get("vault_key", True):
        if signer_key is not None and signer_key != public_der:
            report.fail(f"signature: the PDF was signed with a different key (certificate {_fp(signer_fingerprint)}) "
                        f"than the key that signed the vault's checkpoint (key {_fp(cp.fingerprint(public_der))})")
    elif signer.get("vault_public_key_sha256") != cp.fingerprint(public_der):
        report.fail("checkpoint: its key is not the vault key the manifest names")


def latest_time(man: dict, events: dict):
    """The latest moment the bundle's own contents name (its making, its checkpoint, its events)."""
    times = [parse_utc(man.get("created_at"))]
    times += [parse_utc(body.get("at")) for body in events.values()]
    times = [t for t in times if t is not None]
    return max(times) if times else None


def _fp(value) -> str:
    return (str(value)[:16] + "…") if value else "none"


__all__ = ["check_history", "latest_time"]
