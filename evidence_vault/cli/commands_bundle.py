# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Bundle commands: ``export`` (a sealed PDF of a case) and ``verify-bundle`` (check one).

``verify-bundle`` opens no vault and asks for no passphrase: it is the command a police or HR
officer runs on the file they were sent (docs/for-recipients.md).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

from ..errors import BundlePasswordError, UsageError
from ..fingerprints import short_code, spaced
from ..paths import default_config_dir
from ..bundle.timefmt import local_text
from . import secrets
from .commands_vault import emit_json, open_vault


def _read_secret(path: str | None, what: str) -> str | None:
    if not path:
        return None
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"Could not read the {what} file {path}: {exc.strerror}.") from None
    return text.rstrip("\r\n")


def checking_inputs(args) -> tuple[str | None, list]:
    """The bundle's password (None when not given) and the timestamp authorities trusted for this
    check: verify-bundle and import-bundle check a bundle the same way, so they read them alike."""
    password = _read_secret(args.password_file, "bundle password")
    from ..bundle import timestamps  # pyHanko is slow to import: only when checking

    return password, timestamps.pinned(default_config_dir(), args.trust_tsa or ())


@contextmanager
def password_hint(password: str | None):
    """A locked bundle given with no password: say how to give one (a wrong one's error stands)."""
    try:
        yield
    except BundlePasswordError as exc:
        if password is not None:
            raise
        raise BundlePasswordError(f"{exc} Give it with --password-file FILE.") from None


def add_checking_options(p, *, expect_help: str) -> None:
    """The bundle's password, the sender's code and extra authorities, as verify-bundle and
    import-bundle both take them (``--expect`` says what a mismatch does to that command)."""
    p.add_argument("--password-file", metavar="FILE", help="password of an encrypted bundle")
    p.add_argument("--expect", metavar="CODE", help=expect_help)
    p.add_argument("--trust-tsa", metavar="FILE", action="append",
                   help="also trust the timestamp authority whose certificate(s) are in FILE (PEM or JSON)")


def _item_ids(text: str | None) -> list[int] | None:
    if not text:
        return None
    try:
        return [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise UsageError(f"--items takes item numbers separated by commas, like 3,7,12 (got '{text}').") from None


def cmd_export(args) -> int:
    password = _read_secret(args.password_file, "bundle password")
    org_password = _read_secret(args.org_cert_password_file, "certificate password")
    if args.org_cert_password_file and not args.org_cert:
        raise UsageError("--org-cert-password-file needs --org-cert FILE.p12.")
    if args.timestamp_cert and not args.timestamp:
        raise UsageError("--timestamp-cert needs --timestamp URL.")
    authority = None
    if args.timestamp:
        from ..bundle import timestamps

        authority = timestamps.choose(args.timestamp, cert_file=args.timestamp_cert,
                                      config_dir=default_config_dir())
    with open_vault(args) as vault:
        from ..bundle import export_bundle  # pyHanko is slow to import: only when exporting

        result = export_bundle(
            vault, vault.find_case(args.case), Path(args.output), recipient=args.recipient,
            item_ids=_item_ids(args.items), password=password, timestamp=authority,
            org_cert=args.org_cert, org_cert_password=org_password.encode("utf-8") if org_password else None,
            progress=(lambda text: print(f"  {text}…", file=sys.stderr)) if args.verbose else None,
            redacted=args.redacted)
    for warning in result.warnings:
        print(f"evidence-vault: warning: {warning}", file=sys.stderr)
    if args.json:
        emit_json(result.to_json())
        return 0
    print(f"Saved the {'REDACTED COPY of the ' if result.redacted else ''}evidence bundle: {result.path}")
    print(f"  {len(result.items_exported)} item(s), {result.pages} pages"
          + (f"; {result.items_withheld} item(s) withheld under the safeguarding policy" if result.items_withheld else ""))
    print(f"  Sealed by: {result.signer_name}")
    print(f"  Your code (read it to the recipient by phone; the same on every bundle from this vault): "
          f"{short_code(result.signer_fingerprint)}")
    print(f"  Certificate SHA-256 (for experts): {spaced(result.signer_fingerprint)}")
    print(f"  Bundle SHA-256: {result.sha256}")
    if authority is not None and result.timestamped:
        print(f"  Timestamped by {authority.name}.")
    if not password:
        print("  The PDF is not encrypted: send it only by a secure route (or use --password-file).")
    return 0


def cmd_verify_bundle(args) -> int:
    password, trusted = checking_inputs(args)
    from ..bundle import verify_bundle

    with password_hint(password):
        report = verify_bundle(Path(args.file), password=password, expect=args.expect, trusted_timestamps=trusted)
    if args.json:
        emit_json(report.to_json())
    else:
        _print_report(report)
    if not report.ok:
        for line in report.lines():
            print(f"FAILED: {line}", file=sys.stderr)
        return 1
    return 0


def _print_report(report) -> None:
    print(f"Sealed by: {report.signer_name or 'unknown'}")
    print(f"Sender's code: {report.signer_code or 'none'}")
    if report.signer_fingerprint:
        print(f"  (certificate SHA-256 {spaced(report.signer_fingerprint)})")
    if not report.ok:
        return
    details = report.details
    stamp = report.timestamp
    print(f"Bundle intact: the signature is valid over the whole file; {details.get('attachments', 0)} attached "
          f"files match the manifest; {details.get('history', 'history checked')}"
          + (f"; timestamped {local_text(stamp.get('time'))} by {stamp.get('authority')}, an authority you trust"
             if stamp else "; no independent timestamp (times come from the sender's computer)") + ".")
    copy = details.get("redacted_copy")
    if copy:
        print(f"REDACTED COPY: {len(copy.get('items') or [])} item(s) redacted by {', '.join(copy.get('redacted_by') or [])}. "
              "Their files were made for this copy, each naming the SHA-256 of the original it was made from; "
              "each item's page says which are redacted and which are unchanged (a picture with no box drawn "
              "on it hides nothing). Originals that cannot be redacted, and any staff member's own sealed "
              "bundle, are not in this copy.")
    from ..bundle.nested import lines_for_people  # the staff bundles inside an investigation bundle
    for line in lines_for_people(report):
        print(line)
    if report.sender_confirmed:
        print("Sender CONFIRMED: the code matches the one the sender gave you.")
    else:
        print("Sender NOT YET CONFIRMED: anyone can seal a changed copy under any name, so this check alone does "
              "not show who sealed it. Ask the sender, by phone or in person (not by a reply to the message that "
              "brought the file), to read you their code, then check again with --expect \"CODE\".")


def register(sub) -> None:
    p = sub.add_parser("export", help="make a sealed PDF evidence bundle of a case")
    p.add_argument("--case", required=True)
    p.add_argument("-o", "--output", required=True, metavar="FILE.pdf")
    p.add_argument("--recipient", metavar="TEXT", help="who the bundle is for (printed on the cover)")
    p.add_argument("--items", metavar="ID,…", help="only these items (default: every item of the case)")
    p.add_argument("--password-file", metavar="FILE", help="encrypt the PDF (AES-256) with the password in FILE")
    p.add_argument("--timestamp", "--timestamp-url", dest="timestamp", metavar="NAME|URL",
                   help="add an independent time from a timestamp authority you trust: one of your list by name "
                        "(DigiCert, GlobalSign, or yours), or an address with --timestamp-cert")
    p.add_argument("--timestamp-cert", metavar="FILE.pem",
                   help="the certificate(s) the authority's timestamps must chain to (pins it)")
    p.add_argument("--org-cert", metavar="FILE.p12", help="sign with an organisation certificate (PKCS#12)")
    p.add_argument("--org-cert-password-file", metavar="FILE", help="password of the organisation certificate")
    p.add_argument("--redacted", action="store_true",
                   help="a redacted copy: what 'redact' marked is hidden, originals of redacted items left out")
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true", help="show each step")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("verify-bundle", help="check a bundle's signature, originals and history (no vault needed)")
    p.add_argument("file", metavar="FILE.pdf")
    add_checking_options(p, expect_help="the sender's code as they read it out to you (20 letters and digits); "
                                          "the check fails if the bundle was sealed by anyone else")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify_bundle)


__all__ = ["register", "secrets", "add_checking_options", "checking_inputs", "password_hint"]
