# SPDX-FileCopyrightText: 2026 The Evidence Vault authors
#
# SPDX-License-Identifier: GPL-3.0-or-later

"""Trusted time for a bundle: which timestamp authorities count, and what a token must show.

A timestamp only says "this file existed at T" if the authority is one the reader chose to
trust: anyone can run an RFC 3161 server and call it "DigiCert". So trust is pinned: an
authority is a name, an address and the certificate(s) its timestamping certificate must chain
to (its root, or its own certificate). Evidence Vault offers well-known public ones
(tsa_known.py); a user or organisation pins their own list in a JSON or PEM file
(``timestamp-authorities.json`` in the config folder, or ``--trust-tsa FILE``).

The bundle carries a *document* timestamp (PAdES B-LTA style, made by pyHanko after the seal)
over the whole signed file, and its manifest, inside the signed bytes, names the authority the
sender asked: so a timestamp that is removed, swapped for another or added later is a finding.
A token must also fit the bundle: not earlier than the events it covers, and not far from the
time the sender's computer gave for signing (``CLOCK_TOLERANCE``, ``MAX_DELAY``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from ..errors import UsageError
from . import tsa_known

TRUST_FILE = "timestamp-authorities.json"
CLOCK_TOLERANCE = dt.timedelta(minutes=15)  # a sender's clock may be this much fast
MAX_DELAY = dt.timedelta(hours=1)           # the token is asked for seconds after signing


@dataclass(frozen=True)
class TimestampAuthority:
    name: str
    url: str | None
    certificates: tuple[bytes, ...]  # DER: roots (or the TSA's own certificate) trusted for it

    @property
    def certificates_sha256(self) -> list[str]:
        return [hashlib.sha256(c).hexdigest() for c in self.certificates]

    def to_json(self) -> dict:
        return {"name": self.name, "url": self.url, "certificates_sha256": self.certificates_sha256}


def offered() -> list[TimestampAuthority]:
    """The well-known public authorities Evidence Vault offers (pinned by their roots)."""
    return [TimestampAuthority(e["name"], e["url"], (_der(e["pem"].encode()),)) for e in tsa_known.OFFERED]


def _der(pem: bytes) -> bytes:
    return x509.load_pem_x509_certificate(pem).public_bytes(serialization.Encoding.DER)


def _pem_blocks(text: bytes) -> list[bytes]:
    marker = b"-----BEGIN CERTIFICATE-----"
    return [marker + part for part in text.split(marker)[1:]]


def load_trust_file(path: Path) -> list[TimestampAuthority]:
    """Authorities pinned in a file: JSON ``{"authorities": [{"name", "url", "certificates": "PEM…"}]}``
    or a PEM file of certificates (one authority each, named by the certificate)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"The timestamp authority file {path} could not be read ({exc.strerror}).") from None
    try:
        if data.lstrip().startswith(b"{"):
            doc = json.loads(data)
            out = []
            for entry in doc["authorities"]:
                certs = tuple(_der(b) for b in _pem_blocks(str(entry["certificates"]).encode()))
                if not certs:
                    raise ValueError("no certificate")
                out.append(TimestampAuthority(str(entry["name"]), entry.get("url"), certs))
            return out
        blocks = _pem_blocks(data)
        if not blocks:
            raise ValueError("no certificate")
        return [TimestampAuthority(_cn(b), None, (_der(b),)) for b in blocks]
    except (ValueError, KeyError, TypeError) as exc:
        raise UsageError(f"{path.name} is not a list of timestamp authorities: it must be PEM certificates or "
                         'JSON {"authorities": [{"name", "url", "certificates"}]} '
                         f"({str(exc)[:80]}).") from None


def _cn(pem: bytes) -> str:
    cert = x509.load_pem_x509_certificate(pem)
    names = cert.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def pinned(config_dir: Path | None, extra_files=()) -> list[TimestampAuthority]:
    """What this reader trusts: the user's pinned file if it exists (else the offered list),
    plus any ``extra_files`` given for this check."""
    own = Path(config_dir) / TRUST_FILE if config_dir is not None else None
    found = load_trust_file(own) if own is not None and own.is_file() else offered()
    for path in extra_files:
        found.extend(load_trust_file(Path(path)))
    return found


def choose(spec: str, *, cert_file: Path | None, config_dir: Path | None) -> TimestampAuthority:
    """The authority a sender asked for: a pinned one by name or address, or an address with
    its certificate file. Anything else is refused: a timestamp nobody chose proves nothing."""
    if not spec.lower().startswith(("http://", "https://")):
        for authority in pinned(config_dir):
            if authority.name.lower() == spec.strip().lower() and authority.url:
                return authority
        raise UsageError(f"There is no timestamp authority called '{spec}' in your list. Give its address "
                         "(http://…) with --timestamp-cert FILE.pem, or add it to your list.")
    if cert_file is not None:
        chosen = load_trust_file(Path(cert_file))
        certs = tuple(c for a in chosen for c in a.certificates)
        return TimestampAuthority(chosen[0].name, spec, certs)
    for authority in pinned(config_dir):
        if authority.url and authority.url.rstrip("/") == spec.rstrip("/"):
            return authority
    raise UsageError(f"Evidence Vault trusts only timestamp authorities you choose, and {spec} is not in your "
                     "list: give its certificate with --timestamp-cert FILE.pem (from the authority's website), "
                     "or choose one of the offered authorities by name.")


def time_problems(token_time: dt.datetime, signed_at: dt.datetime | None, latest_event: dt.datetime | None) -> list[str]:
    """Why a trusted token's time does not fit the bundle it covers (empty when it fits)."""
    out = []
    if latest_event is not None and token_time < latest_event - CLOCK_TOLERANCE:
        out.append(f"timestamp: its time ({_utc(token_time)}) is earlier than the history it covers "
                   f"({_utc(latest_event)}), so it cannot be this bundle's")
    if signed_at is not None:
        if token_time < signed_at - CLOCK_TOLERANCE or token_time > signed_at + MAX_DELAY:
            out.append(f"timestamp: its time ({_utc(token_time)}) is far from when the bundle says it was "
                       f"signed ({_utc(signed_at)}), so it was not made when the bundle was sealed")
    return out


def _utc(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%d %b %Y %H:%M:%S UTC")


__all__ = ["TimestampAuthority", "offered", "load_trust_file", "pinned", "choose", "time_problems",
           "TRUST_FILE", "CLOCK_TOLERANCE", "MAX_DELAY"]
