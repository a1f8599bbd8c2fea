# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""``verify_bundle``: check a bundle with nothing but the file (no vault, no passphrase).

Order (every failure is one plain line; later steps still run where they can):
1. the file is a PDF whose end is where a PDF's is (pdf_open.py; bytes after it are counted
   as appended, never parsed), and, if encrypted, the password opens it;
2. the seal (signature_check.py): exactly one signature, valid, over the whole file but an
   optional document timestamp after it; the unsigned gap is only the signature value; the
   certificate validly signed; the timestamp by an authority the reader trusts;
3. the manifest (within limits.py's bounds): known format and version; every attachment's
   SHA-256 and size as listed, streamed, none missing, none extra, every name a safe file name;
4. the history and the checkpoint (history_check.py);
5. the timestamp the manifest declares is the one present, and its time fits the bundle;
6. the sender: when the recipient gives the code the sender read out (``expect``), the whole
   code must match the certificate that sealed the file. Without it the report says the sender
   is not yet confirmed: a re-sealed forgery passes every other check, with another code.

The result is a ``BundleReport``: plain data for the CLI, the app and any program that imports
received bundles.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BundlePasswordError, UsageError
from ..fingerprints import matches, parse_expected, short_code
from . import manifest as mf
from . import timestamps
from .history_check import check_history, latest_time
from .limits import DEFAULT_LIMITS, LimitExceeded, VerifyLimits
from .nested import check_nested
from .pdf_files import digest, list_attached, page_file_annotations, read_small
from .pdf_open import open_pdf, why
from .signature_check import check_seal
from .timefmt import parse_utc


@dataclass
class BundleReport:
    failures: list[str] = field(default_factory=list)
    more_failures: int = 0       # failure lines beyond ``max_lines``, counted only
    signer_name: str | None = None
    signer_fingerprint: str | None = None
    sender_confirmed: bool | None = None  # None: no code was given to compare with
    timestamp: dict | None = None
    details: dict = field(default_factory=dict)
    max_lines: int = DEFAULT_LIMITS.max_failure_lines

    def fail(self, line: str) -> None:
        if len(self.failures) < self.max_lines:
            self.failures.append(line)
        else:
            self.more_failures += 1

    @property
    def ok(self) -> bool:
        """Every check passed (the sender is confirmed only if ``sender_confirmed`` is True)."""
        return not self.failures and not self.more_failures

    @property
    def signer_code(self) -> str | None:
        return short_code(self.signer_fingerprint) if self.signer_fingerprint else None

    @property
    def status(self) -> str:
        """'failed', 'intact' (sender not yet confirmed) or 'confirmed'."""
        if not self.ok:
            return "failed"
        return "confirmed" if self.sender_confirmed else "intact"

    def lines(self) -> list[str]:
        """The failure lines as shown: at most ``max_lines``, then how many more."""
        more = [f"… and {self.more_failures:,} more problem(s) of the kinds above"] if self.more_failures else []
        return self.failures + more

    def to_json(self) -> dict:
        return {"ok": self.ok, "status": self.status, "failures": self.lines(),
                "signer_name": self.signer_name, "signer_fingerprint": self.signer_fingerprint,
                "signer_code": self.signer_code, "sender_confirmed": self.sender_confirmed,
                "timestamp": self.timestamp, **self.details}


def verify_bundle(path, *, password: str | None = None, expect: str | None = None,
                  trusted_timestamps=None, limits: VerifyLimits = DEFAULT_LIMITS,
                  nested_depth: int = 0) -> BundleReport:
    """Check the bundle at ``path`` (or its bytes: a bundle inside a bundle is checked in
    memory, nested.py). ``expect``: the code the sender read out (or the full SHA-256);
    ``trusted_timestamps``: the TimestampAuthority list to trust (default: the offered ones,
    timestamps.offered()); ``nested_depth``: how deep inside other bundles this one is."""
    if not isinstance(path, (bytes, bytearray)):
        path = Path(path)
    if expect is not None:
        parse_expected(expect)  # a malformed code is the caller's mistake: UsageError now
    if isinstance(path, Path) and not path.is_file():
        raise UsageError(f"There is no file at {path}.")
    trusted = list(trusted_timestamps) if trusted_timestamps is not None else timestamps.offered()
    report = BundleReport(max_lines=limits.max_failure_lines)
    opened = open_pdf(path, password, report, BundlePasswordError, limits)
    if opened is None:
        return report
    try:
        seal = check_seal(opened, report, limits, trusted)
        report.signer_name, report.signer_fingerprint = seal.signer_name, seal.signer_fingerprint
        report.timestamp = seal.timestamp
        report.details.update(seal.details, encrypted=opened.encrypted)
        _check_contents(opened, seal, report, limits, trusted, nested_depth)
    except LimitExceeded as exc:
        report.fail(f"file: {exc}; this is not a bundle we can check")
    finally:
        opened.close()
    if expect is not None and report.signer_fingerprint:
        report.sender_confirmed = matches(expect, report.signer_fingerprint)
        if not report.sender_confirmed:
            report.fail(f"sender: this bundle was sealed by the code {report.signer_code}, not the code the sender "
                        f"gave you ({_shown(expect)}): it was not sealed by them, or it was sealed again by "
                        "someone else. Do not rely on it")
    return report


def _check_contents(opened, seal, report, limits, trusted, nested_depth: int) -> None:
    reader = opened.reader
    try:
        files = list_attached(reader, report, limits)
        for problem in page_file_annotations(reader, limits):
            report.fail(problem)
    except LimitExceeded:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse error of a hostile file is a finding
        report.fail(f"attachments: the list of attached files cannot be read ({why(exc)})")
        return
    report.details["attachments"] = len(files)
    man = _manifest(reader, files, report, limits)
    if man is None:
        return
    _check_files(reader, man, files, report, limits)
    check_nested(reader, man, files, report, limits, trusted, nested_depth, verify_bundle)  # staff bundles
    raw_checkpoint = None
    if mf.CHECKPOINT_NAME in files:
        raw_checkpoint = read_small(reader, files[mf.CHECKPOINT_NAME], limits.max_manifest_bytes)
    events = check_history(man, raw_checkpoint, seal.signer_key_der, seal.signer_fingerprint, report)
    _check_timestamp(man, seal, events, report)


def _manifest(reader, files: dict, report, limits: VerifyLimits) -> dict | None:
    if mf.MANIFEST_NAME not in files:
        report.fail("manifest: manifest.json is not attached, so the originals cannot be checked")
        return None
    raw = read_small(reader, files[mf.MANIFEST_NAME], limits.max_manifest_bytes)
    # Each of these characters can start at most one JSON value: a bound on what parsing builds.
    if raw.count(b",") + raw.count(b"{") + raw.count(b"[") > limits.max_json_values:
        raise LimitExceeded(f"its manifest lists more than {limits.max_json_values:,} values")
    try:
        man = json.loads(raw)
        if not isinstance(man, dict):
            raise ValueError
    except (ValueError, RecursionError):
        report.fail("manifest: manifest.json is not valid JSON")
        return None
    del raw
    if man.get("format") != mf.FORMAT_NAME:
        report.fail("manifest: this is not an Evidence Vault bundle manifest")
        return None
    version = man.get("version")
    if type(version) is not int or version > mf.FORMAT_VERSION or version < 1:
        report.fail(f"manifest: bundle format {str(version)[:20]} was made by a newer Evidence Vault; this checker "
                    f"reads format {mf.FORMAT_VERSION}. Update Evidence Vault to check it.")
        return None
    for key in ("events", "attachments", "items"):
        if not isinstance(man.get(key, []), list):
            report.fail(f"manifest: its {key} are not a list")
            return None
    chain = man.get("chain") if isinstance(man.get("chain"), dict) else {}
    if len(man.get("events") or []) > limits.max_events or len(chain.get("hashes") or []) > limits.max_events:
        raise LimitExceeded(f"its manifest lists more than {limits.max_events:,} history entries")
    case = man.get("case") if isinstance(man.get("case"), dict) else {}
    report.details["case"] = case.get("name")
    report.details["prepared_by"] = man.get("prepared_by")
    report.details["items"] = len(man.get("items") or [])
    report.details["format_version"] = version
    from .redacted import describe as redacted_copy  # docs/bundle-format.md, "Redacted copies"
    report.details["redacted_copy"] = redacted_copy(man)
    return man


def _check_files(reader, man: dict, files: dict, report, limits: VerifyLimits) -> None:
    listed = {}
    for entry in man.get("attachments") or []:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            listed[entry["name"]] = entry
    for name, entry in sorted(listed.items()):
        attached = files.get(name)
        if attached is None:
            report.fail(f"attachment {name[:80]}: missing (listed in the manifest, not in the PDF)")
            continue
        try:
            sha, size = digest(reader, attached, limits)
        except LimitExceeded as exc:
            report.fail(str(exc))
            continue
        if sha != entry.get("sha256") or size != entry.get("size"):
            report.fail(f"attachment {name}: its SHA-256 does not match the manifest (changed)")
    for name in sorted(set(files) - set(listed) - {mf.MANIFEST_NAME}):
        report.fail(f"attachment {name}: not listed in the manifest (added)")


def _check_timestamp(man: dict, seal, events: dict, report) -> None:
    declared = man.get("timestamp") if isinstance(man.get("timestamp"), dict) else None
    present = seal.timestamp
    if declared and present is None:
        report.fail(f"timestamp: the bundle says it was timestamped by {str(declared.get('name'))[:60]}, but the "
                    "timestamp is missing (removed after it was sealed)")
    elif present and present["kind"] == "document" and not declared:
        report.fail("timestamp: a timestamp was added after the bundle was sealed; the sender's export did not "
                    "ask for one")
    elif present and present["kind"] == "signature" and man.get("version", 1) >= 2:
        report.fail("timestamp: a timestamp was put into the signature after the bundle was sealed (bundles of "
                    "this format carry it as a document timestamp)")
    elif declared and present and present.get("trusted") and \
            present.get("anchor_sha256") not in (declared.get("certificates_sha256") or []):
        report.fail(f"timestamp: it is from {present.get('authority')}, not from the authority the bundle names "
                    f"({str(declared.get('name'))[:60]}): it was swapped after the bundle was sealed")
    if present and seal.timestamp_time is not None and present.get("trusted"):
        latest = latest_time(man, events)
        check_at = parse_utc((report.details.get("checkpoint") or {}).get("at"))
        if check_at is not None:
            latest = max(latest, check_at) if latest else check_at
        for problem in timestamps.time_problems(seal.timestamp_time, seal.signed_at, latest):
            report.fail(problem)


def _shown(expect: str) -> str:
    kind, value = parse_expected(expect)
    if kind == "code":
        return " ".join(value[i:i + 5] for i in range(0, 20, 5))
    return value[:16] + "…"


__all__ = ["verify_bundle", "BundleReport", "BundlePasswordError"]
