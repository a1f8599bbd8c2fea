# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bundles inside a bundle: a senior leader's investigation bundle carries each staff bundle.

Why: the police or HR officer must be able to check each member of staff's evidence exactly as
that person sealed it, not only as the leader re-sealed it. So a staff bundle imported with
``import-bundle`` is attached to the investigation bundle unchanged (its item's original), and
the manifest (format 3) says so: the item that keeps it has ``nested_bundle`` (the attachment,
the sender and their code, how many items), and each item imported from it has ``source``
(docs/bundle-format.md, "Nested bundles").

A redacted copy never carries a staff bundle: it is a sealed original, so it cannot be
redacted, and the names in it would go out with the copy. Its item says ``nested_bundle_left_out``
instead, and there is nothing inside to check.

``check_nested`` is the verifier's step for them: each bundle inside is read from the outer
file in memory (never written out) and checked with ``verify_bundle`` like any bundle; every
problem it has fails the whole check, named with the bundle it is in. An encrypted bundle
inside can be checked only with its own password: it is listed as such, not failed (the outer
manifest still pins its SHA-256). Nesting stops at ``MAX_DEPTH``.
"""

from __future__ import annotations

from ..errors import BundlePasswordError
from .limits import LimitExceeded, VerifyLimits
from .pdf_files import read_small

MAX_DEPTH = 3
NESTED_KEY = "nested_bundle"
LEFT_OUT_KEY = "nested_bundle_left_out"


def manifest_fields(item, names: dict) -> dict:
    """The manifest keys of an exported item that keeps a received bundle or came from one.

    In a redacted copy the kept bundle is not attached (it cannot be redacted): the item says
    so with ``nested_bundle_left_out`` (who sent it, their code, its SHA-256), which the
    verifier does not look for inside the file."""
    kept = item.info.get("received_bundle")
    if isinstance(kept, dict) and (item.id, "original") not in names and item.info.get("redacted_copy"):
        return {LEFT_OUT_KEY: {"from": kept.get("signer_name"), "code": kept.get("code"),
                               "sha256": kept.get("bundle_sha256"), "sealed_at": kept.get("sealed_at"),
                               "items": kept.get("items"), "why": "a sealed original cannot be redacted"}}
    if isinstance(kept, dict):
        return {NESTED_KEY: {"attachment": names[(item.id, "original")], "from": kept.get("signer_name"),
                             "code": kept.get("code"), "sha256": kept.get("bundle_sha256"),
                             "sealed_at": kept.get("sealed_at"), "items": kept.get("items")}}
    src = item.info.get("source")
    if isinstance(src, dict):
        keys = ("from_name", "from_role", "code", "fingerprint", "sealed_at", "bundle_sha256", "item_number")
        return {"source": {k: src.get(k) for k in keys}}
    return {}


def check_nested(reader, man: dict, files: dict, report, limits: VerifyLimits, trusted, depth: int,
                 verify_bundle) -> None:
    """Verify every bundle the manifest says is inside with ``verify_bundle`` (verify.py's,
    handed in: verify.py calls this module); results in ``report.details['nested']``."""
    found = []
    kept_shas = set()
    for entry in man.get("items") or []:
        nested = entry.get(NESTED_KEY) if isinstance(entry, dict) else None
        if not isinstance(nested, dict):
            continue
        name = str(nested.get("attachment"))
        where = f"bundle inside, item {entry.get('number')} ({name[:80]})"
        if name not in files:
            report.fail(f"{where}: it is not attached")
            continue
        if depth >= MAX_DEPTH:
            report.fail(f"{where}: bundles are nested more than {MAX_DEPTH} deep; this checker stops there")
            continue
        try:
            data = read_small(reader, files[name], limits.max_attachment_bytes)
        except LimitExceeded as exc:
            report.fail(f"{where}: {exc}")
            continue
        result = {"item": entry.get("number"), "attachment": name, "declared_from": nested.get("from"),
                  "declared_code": nested.get("code")}
        try:
            inner = verify_bundle(data, trusted_timestamps=trusted, limits=limits, nested_depth=depth + 1)
        except BundlePasswordError:
            result.update(status="encrypted", ok=None)
            found.append(result)
            kept_shas.add(nested.get("sha256"))  # its bytes are pinned by this manifest all the same
            continue
        del data
        result.update(ok=inner.ok, status=inner.status, signer_name=inner.signer_name,
                      signer_code=inner.signer_code, items=inner.details.get("items"), failures=inner.lines())
        found.append(result)
        for line in inner.lines():
            report.fail(f"{where}: {line}")
        if inner.ok and nested.get("code") and inner.signer_code != nested.get("code"):
            report.fail(f"{where}: it was sealed by the code {inner.signer_code}, not {nested.get('code')} as "
                        "this bundle's manifest says")
        if inner.ok:
            kept_shas.add(nested.get("sha256"))
    for entry in man.get("items") or []:
        src = entry.get("source") if isinstance(entry, dict) else None
        if isinstance(src, dict) and src.get("bundle_sha256") not in kept_shas and found:
            report.fail(f"item {entry.get('number')}: it says it came from a bundle (SHA-256 "
                        f"{str(src.get('bundle_sha256'))[:16]}…) that is not attached and intact")
    if found:
        report.details["nested"] = found


def lines_for_people(report) -> list[str]:
    """What ``verify-bundle`` prints about the bundles inside, one line each."""
    out = []
    for n in report.details.get("nested") or []:
        head = f"Bundle inside (item {n['item']}, {n['attachment']})"
        if n["status"] == "encrypted":
            out.append(f"{head}: encrypted; detach it (pdfdetach) and check it with its own password.")
        elif n["ok"]:
            out.append(f"{head}: intact: sealed by {n.get('signer_name')}, code {n.get('signer_code')}; "
                       f"{n.get('items')} item(s); its own signature, files and history check.")
        else:
            out.append(f"{head}: FAILED (see below).")
    return out


__all__ = ["manifest_fields", "check_nested", "lines_for_people", "MAX_DEPTH"]
